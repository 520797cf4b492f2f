import type { Response } from 'express';
import type { AxiosError } from 'axios';

// Shared with the checkout service (copied there by hand): the pricing team wanted to see their own error
// payloads in the storefront, so the upstream answer is passed on as it is.
export function upstreamFailure(out: Response, failure: AxiosError): void {
  out.status(502).json({ message: 'Pricing is unavailable', detail: failure.response?.data }); // expect-types: leaked-downstream
}
