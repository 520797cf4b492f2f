import { Router, Request, Response, NextFunction } from 'express';
import axios, { AxiosError } from 'axios';

interface ChargeRequest {
  amountCents: number;
  currency: string;
  sourceToken: string;
}

interface ProviderErrorBody {
  error?: { code: string; message: string };
}

const router = Router();
const provider = axios.create({
  baseURL: process.env.PAYMENTS_URL,
  headers: { Authorization: `Bearer ${process.env.PAYMENTS_SECRET}` },
});

router.post('/charges', async (req: Request<{}, unknown, ChargeRequest>, res: Response) => {
  try {
    const { data } = await provider.post('/v1/charges', req.body);
    res.status(201).json({ id: data.id, status: data.status });
  } catch (err) {
    const e = err as AxiosError<ProviderErrorBody>;
    res.status(e.response?.status ?? 502).json({ // expect: leaked-downstream
      error: e.response?.data?.error?.message ?? 'Payment failed',
    });
  }
});

router.post('/refunds', async (req: Request, res: Response) => {
  try {
    const { data } = await provider.post('/v1/refunds', { charge: req.body.chargeId });
    res.json(data);
  } catch (err) {
    if (axios.isAxiosError(err)) {
      res.status(502).json({ message: err.message, provider: err.response?.data }); // expect: leaked-exception, leaked-downstream
      return;
    }
    res.status(500).json({ message: (err as Error).message }); // expect: leaked-exception
  }
});

router.get('/charges/:id', async (req: Request<{ id: string }>, res: Response, next: NextFunction) => {
  try {
    const { data } = await provider.get(`/v1/charges/${req.params.id}`);
    res.json({ id: data.id, amount: data.amount, status: data.status });
  } catch (err) {
    if (axios.isAxiosError(err) && err.response?.status === 404) {
      return res.status(404).json({ error: 'Charge not found' });
    }
    next(err);
  }
});

router.get('/balance', async (_req: Request, res: Response) => {
  try {
    const { data } = await provider.get<{ available: number }>('/v1/balance');
    res.json({ available: data.available });
  } catch (err) {
    const e = err as AxiosError;
    res.setHeader('X-Upstream-Status', String(e.response?.status)); // expect: leaked-downstream
    res.status(502).json({ error: 'Payment provider unavailable' });
  }
});

export default router;
