import { AppError, rootCause } from './app-error';

/** "TypeError: Cannot read properties of undefined" — the real failure behind any wrapping. */
export function describe(err: unknown): string {
  if (err instanceof AggregateError) {
    return err.errors.map(describe).join('; ');
  }
  const root = rootCause(err);
  return root instanceof Error ? `${root.name}: ${root.message}` : String(root);
}

/** Only messages we wrote for clients (expose is set on 4xx AppErrors). */
export function summary(err: unknown): string {
  const appError = err instanceof AppError ? err : null;
  return appError?.expose ? appError.message : 'The request failed';
}
