import axios, { AxiosError } from 'axios';

export const pricing = axios.create({ baseURL: process.env.PRICING_URL, timeout: 2000 });

/** Thrown when the pricing service answered, but not with a quote. */
export class PricingUnavailable extends AxiosError {
  readonly retryable = true;
}

export class QuoteExpired extends Error {
  constructor(readonly quoteId: string) {
    super(`quote ${quoteId} expired`);
  }
}
