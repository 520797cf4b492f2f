import type { AxiosError } from 'axios';

interface TaxProblem {
  field: string;
  code: string;
  message: string;
}

export interface ApiError {
  code: string;
  message: string;
}

/**
 * Grouped so that handlers only need one import. (The "handler" name is historical: it does not send anything.)
 */
export const errorHandler = {
  getErrorMessage(err: unknown): string {
    if (err instanceof Error) return err.message;
    return 'Unexpected error';
  },

  toApiError(err: unknown): ApiError {
    return { code: 'INVOICING_ERROR', message: this.getErrorMessage(err) };
  },

  /** The field problems the tax provider reports on a 422. */
  providerProblems(err: AxiosError<{ errors?: TaxProblem[] }>): TaxProblem[] {
    return err.response?.data?.errors ?? [];
  },

  isRetryable(err: unknown): boolean {
    const code = (err as { code?: string }).code;
    return code === 'ECONNRESET' || code === 'ETIMEDOUT';
  },
};
