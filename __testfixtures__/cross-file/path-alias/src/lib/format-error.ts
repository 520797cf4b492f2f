export interface FormattedError {
  name: string;
  message: string;
  stack?: string;
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

// Shared by the API and the worker; the worker writes this to the job log.
export default function formatError(err: unknown): FormattedError {
  const e = toError(err);
  return {
    name: e.name,
    message: e.message,
    stack: process.env.NODE_ENV === 'production' ? undefined : e.stack,
  };
}
