import { Router, type Response as ExpressResponse } from 'express';

const router = Router();
const PRICES_URL = process.env.PRICES_URL ?? 'http://prices.internal';

// Shared with the browser bundle: `Response` here is the fetch API's, from lib.dom.
async function fetchJson(url: string): Promise<unknown> {
  const r: Response = await fetch(url);
  if (!r.ok) throw new Error(`prices answered ${r.status}`);
  return r.json();
}

function isFailure(response: Response): boolean {
  return response.status >= 400;
}

router.get('/prices', async (_req, res: ExpressResponse) => { // type: response express res
  const upstream = await fetch(`${PRICES_URL}/all`);
  if (isFailure(upstream)) {
    res.status(502).json({ error: 'prices unavailable' });
    return;
  }
  const cached = new Response(JSON.stringify(await fetchJson(PRICES_URL)));
  res.json(await cached.json());
});

export default router;
