import axios from 'axios';
import type { Request, Response, NextFunction } from 'express';
import { UpstreamError } from '../errors';

export async function createInvoice(req: Request, res: Response, next: NextFunction) {
  try {
    const { data } = await axios.post('https://billing.example.com/v1/invoices', {
      customer: req.body.customerId,
      lines: req.body.lines,
    });
    res.status(201).json(data);
  } catch (err: any) {
    if (!err.isAxiosError) return next(err);
    return next(new UpstreamError('Billing request failed', { cause: err, service: 'billing' }));
  }
}
