import { Router, type NextFunction, type Request, type Response } from 'express';
import axios from 'axios';
import { db } from '../db.js';
import * as errorUtils from '../utils/error-utils.js';
import { errorHandler } from '../utils/error-handler.js';
import { ErrorFormatter } from '../utils/error-formatter.js';

const router = Router();
const tax = axios.create({ baseURL: process.env.TAX_API_URL, timeout: 5000 });

router.get('/', async (req: Request, res: Response) => {
  try {
    const invoices = await db.invoice.findMany({
      where: { accountId: req.user!.accountId },
      orderBy: { issuedAt: 'desc' },
      take: 50,
    });
    res.json({ invoices });
  } catch (err) {
    res.status(500).json({ error: errorUtils.getErrorMessage(err) }); // expect: leaked-exception
  }
});

router.get('/:id', async (req: Request<{ id: string }>, res: Response, next: NextFunction) => {
  try {
    const invoice = await db.invoice.findFirst({ where: { id: req.params.id, accountId: req.user!.accountId } });
    if (!invoice) {
      return res.status(404).json({ error: 'Invoice not found' });
    }
    res.json(invoice);
  } catch (err) {
    next(err);
  }
});

// Recompute VAT with the tax provider before the invoice is finalised.
router.post('/:id/tax', async (req: Request<{ id: string }>, res: Response) => {
  try {
    const invoice = await db.invoice.findFirstOrThrow({ where: { id: req.params.id } });
    const { data } = await tax.post('/v2/calculations', {
      lines: invoice.lines,
      country: invoice.billingCountry,
    });
    await db.invoice.update({ where: { id: invoice.id }, data: { taxCents: data.totalTaxCents } });
    res.json({ taxCents: data.totalTaxCents });
  } catch (err) {
    if (axios.isAxiosError(err) && err.response?.status === 422) {
      return res.status(422).json({ error: 'Tax calculation rejected', problems: errorHandler.providerProblems(err) }); // expect: leaked-downstream
    }
    if (errorHandler.isRetryable(err)) {
      return res.status(503).json({ error: 'Tax provider unavailable, please retry' });
    }
    res.status(502).json(errorHandler.toApiError(err)); // expect: leaked-exception
  }
});

router.post('/:id/send', async (req: Request<{ id: string }>, res: Response) => {
  try {
    await db.invoice.update({ where: { id: req.params.id }, data: { sentAt: new Date() } });
    res.status(202).json({ queued: true });
  } catch (err) {
    console.error(errorUtils.toLogLine(err, 'invoices.send'));
    res.status(500).send(ErrorFormatter.describe(err as Error)); // expect: leaked-exception
  }
});

router.delete('/:id', async (req: Request<{ id: string }>, res: Response) => {
  try {
    await db.invoice.delete({ where: { id: req.params.id } });
    res.status(204).end();
  } catch (err) {
    res.status(ErrorFormatter.statusOf(err)).json({ error: ErrorFormatter.forClient(err) });
  }
});

export default router;
