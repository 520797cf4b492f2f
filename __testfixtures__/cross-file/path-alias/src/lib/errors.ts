export class HttpError extends Error {
  readonly expose: boolean;

  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
    // only client errors carry a message we wrote for the client
    this.expose = status < 500;
  }
}

export const isHttpError = (err: unknown): err is HttpError => err instanceof HttpError;

export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

export function statusOf(err: unknown): number {
  return isHttpError(err) ? err.status : 500;
}

/** Body for any error: the message only when the error says it may be shown. */
export function toPublicError(err: unknown) {
  const e = err as Partial<HttpError>;
  return { error: e.expose ? e.message : 'Request failed', status: statusOf(err) };
}
