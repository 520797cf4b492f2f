interface HttpErrorLike {
  expose?: boolean;
  message?: string;
  status?: number;
}

export class ErrorFormatter {
  /** For the support tooling: where it failed. */
  static describe(e: Error): string {
    return e.stack ?? String(e);
  }

  /** http-errors only sets `expose` on 4xx errors, whose messages we wrote ourselves. */
  static forClient(e: unknown): string {
    const err = e as HttpErrorLike;
    return err.expose ? String(err.message) : 'The request could not be completed';
  }

  static statusOf(e: unknown): number {
    const status = (e as HttpErrorLike).status;
    return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
  }
}
