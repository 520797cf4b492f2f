import express from 'express';
import type { Request, Response, NextFunction } from 'express';
import { db } from '../db.js';
import describeError, { inspectError, toLogLine } from '../utils/error-utils.js';

const router = express.Router();

type Period = { from: string; to: string };

function parsePeriod(query: Request['query']): Period | null {
  const { from, to } = query;
  if (typeof from !== 'string' || typeof to !== 'string') return null;
  return { from, to };
}

router.get('/revenue', async (req: Request, res: Response) => {
  const period = parsePeriod(req.query);
  if (!period) {
    return res.status(400).json({ message: 'from and to are required (YYYY-MM-DD)' });
  }
  try {
    const rows = await db.invoice.groupBy({
      by: ['issuedMonth'],
      where: { issuedAt: { gte: new Date(period.from), lte: new Date(period.to) } },
      _sum: { totalCents: true },
    });
    res.json({ rows: rows.map((r) => ({ month: r.issuedMonth, totalCents: r._sum.totalCents ?? 0 })) });
  } catch (err) {
    res.status(500).json({ message: 'Revenue report failed', detail: describeError(err) }); // expect: leaked-exception
  }
});

router.post('/rebuild', async (req: Request, res: Response, next: NextFunction) => {
  try {
    await db.$executeRaw`REFRESH MATERIALIZED VIEW revenue_by_month`;
    res.status(202).json({ rebuilding: true });
  } catch (err) {
    console.error(toLogLine(err, 'reports.rebuild'));
    next(err);
  }
});

// Internal page used by the finance team; it was never meant to be reachable from outside...
router.get('/audit/:invoiceId', async (req: Request<{ invoiceId: string }>, res: Response) => {
  try {
    const events = await db.auditEvent.findMany({ where: { invoiceId: req.params.invoiceId } });
    res.json(events);
  } catch (err) {
    res.status(500).type('text/plain').send(inspectError(err)); // expect: leaked-exception
  }
});

export default router;
