import axios from 'axios';
import type { Request, Response, NextFunction } from 'express';

export async function createInvoice(req: Request, res: Response, next: NextFunction) {
  try {
    const { data } = await axios.post('https://billing.example.com/v1/invoices', {
      customer: req.body.customerId,
      lines: req.body.lines,
    });
    res.status(201).json(data);
  } catch (err: any) {
    if (!err.isAxiosError) return next(err);
    res.status(502).json({
      error: 'Billing request failed',
      request: { url: err.config.url, method: err.config.method },
    });
  }
}
