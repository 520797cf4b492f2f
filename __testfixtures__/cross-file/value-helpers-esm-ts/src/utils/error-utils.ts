import { inspect } from 'node:util';

/**
 * Small helpers around `unknown` errors. TypeScript 4.4 made catch variables `unknown`,
 * so every handler ended up needing these.
 */

export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The message API clients get: the real text only on a developer machine. */
export function getPublicMessage(error: unknown): string {
  return process.env.NODE_ENV === 'development' ? getErrorMessage(error) : 'Something went wrong';
}

/** One line for the access log. */
export function toLogLine(error: unknown, context: string): string {
  return `[${context}] ${error}`;
}

/** Full dump (with nested causes) for the audit trail. */
export const inspectError = (error: unknown): string => inspect(error, { depth: 5, breakLength: Infinity });

export default function describeError(error: unknown): string {
  const detail = error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error);
  return detail;
}
