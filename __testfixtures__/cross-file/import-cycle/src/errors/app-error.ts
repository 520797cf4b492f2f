// app-error.ts and describe.ts import each other (AppError is needed by describe, describe by errorBody).
// It works because nothing is used at module load time.
import { describe, summary } from './describe';

export class AppError extends Error {
  constructor(
    message: string,
    readonly status = 500,
    readonly expose = status < 500,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** Follows `cause` down to the error that started it all. */
export function rootCause(err: unknown): unknown {
  let current = err;
  while (current instanceof AppError && current.cause) {
    current = current.cause;
  }
  return current;
}

/** Full body, as the admin UI expects it. */
export function errorBody(err: unknown) {
  return {
    error: describe(err),
    code: err instanceof AppError ? err.name : 'INTERNAL',
  };
}

/** What public clients get. */
export function publicBody(err: unknown) {
  return { error: summary(err) };
}

export function statusOf(err: unknown): number {
  return err instanceof AppError ? err.status : 500;
}
