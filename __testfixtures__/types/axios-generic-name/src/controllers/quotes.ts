import { AxiosError } from 'axios';
import type { Request, Response } from 'express';
import { pricing, PricingUnavailable, QuoteExpired } from '../clients/pricing.js';

function forwardUpstream(res: Response, failure: AxiosError) { // type: response express res; error http failure
  res.status(failure.response?.status ?? 502).json(failure.response?.data);
}

let lastFailure: AxiosError | undefined; // type: error http lastFailure

export async function getQuote(req: Request, res: Response) { // type: response express res
  try {
    const response = await pricing.get(`/quotes/${req.params.id}`);
    if (response.data.expired) throw new QuoteExpired(String(req.params.id));
    res.json(response.data);
  } catch (e) {
    const upstream = e as AxiosError; // type: error http upstream
    lastFailure = upstream;
    forwardUpstream(res, upstream);
  }
}

export function listRates(_req: Request, res: Response) { // type: response express res
  return pricing
    .get('/rates')
    .then(({ data }) => res.json(data))
    .catch((problem: AxiosError) => { // type: error http problem
      res.status(problem.response?.status ?? 502).send(problem.message);
    });
}

export async function refreshRates(req: Request, res: Response) { // type: response express res
  const attempt = pricing.post('/rates/refresh', req.body);
  try {
    await attempt;
    res.sendStatus(204);
  } catch (raw) {
    const wrapped = new PricingUnavailable('pricing refresh failed', 'EPRICING'); // type: error http wrapped
    const expired = raw instanceof QuoteExpired ? raw : new QuoteExpired('unknown'); // type: error null expired
    res.status(502).json({ error: wrapped.message, quote: expired.quoteId, last: lastFailure?.code });
  }
}
