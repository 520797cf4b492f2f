import express from 'express';
import type { AxiosError } from 'axios';
import { route } from '../http/route';
import { lookupQuote } from '../lib/pricing';
import * as warehouse from 'warehouse-sdk';

const router = express.Router();

route(router, 'get', '/quotes/:sku', async (input, output) => {
  const qty = Number(input.query.qty ?? 1);
  if (!Number.isInteger(qty) || qty < 1) {
    output.status(400).json({ message: 'qty must be a positive integer' });
    return;
  }
  try {
    output.json(await lookupQuote(input.params.sku, qty));
  } catch (e) {
    output.status(500).json({ error: (e as Error).message }); // expect-types: leaked-exception
  }
});

route(router, 'post', '/quotes/:sku/reserve', async (input, output) => {
  try {
    const quote = await lookupQuote(input.params.sku, input.body.qty);
    output.status(201).json(quote);
  } catch (e) {
    console.error('reserve failed', e);
    output.status(503).json({ message: 'Reservations are paused, try again shortly' });
  }
});

router.get('/stock/:sku', (req, res) => {
  warehouse
    .stockLevel(req.params.sku)
    .then((level: number) => res.json({ sku: req.params.sku, level }))
    // the SDK rejects with the AxiosError of its own HTTP call
    .catch((problem: AxiosError) => res.status(502).json(problem)); // expect: leaked-exception  // expect-types: leaked-downstream
});

export default router;
