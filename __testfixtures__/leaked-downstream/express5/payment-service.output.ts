import { Router } from 'express';
import { paymentsClient } from '../clients/payments.js';
import { UpstreamError } from '../errors/index.js';

export const refundsRouter = Router();

refundsRouter.post('/refunds', async (req, res) => {
  try {
    const refund = await paymentsClient.refund(req.body.chargeId, req.body.amount);
    res.status(201).json({ id: refund.id });
  } catch (err: any) {
    // support wants the provider's reason in the admin UI
    throw new UpstreamError('Refund failed', { cause: err, service: 'payments' });
  }
});
