import { Router, Request, Response, NextFunction } from 'express';
import { Pool, DatabaseError } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = Router();

interface InvoiceRow {
  id: number;
  number: string;
  customer_id: number;
  total_cents: number;
}

type CreateInvoiceBody = { number: string; customerId: number; totalCents: number };

router.post('/invoices', async (req: Request, res: Response, next: NextFunction) => {
  const { number, customerId, totalCents } = req.body as CreateInvoiceBody;
  try {
    const { rows } = await pool.query<InvoiceRow>(
      'INSERT INTO invoices (number, customer_id, total_cents) VALUES ($1, $2, $3) RETURNING *',
      [number, customerId, totalCents],
    );
    res.status(201).json(rows[0]);
  } catch (err) {
    const pgErr = err as DatabaseError;
    if (pgErr.code === '23505') {
      return res.status(409).json({ error: pgErr.detail }); // expect: leaked-downstream
    }
    if (pgErr.code === '23503') {
      return res.status(422).json({ error: `Unknown customer (${pgErr.constraint})` }); // expect: leaked-downstream
    }
    next(err);
  }
});

router.get('/invoices/:id', async (req: Request<{ id: string }>, res: Response, next: NextFunction) => {
  try {
    const { rows } = await pool.query<InvoiceRow>('SELECT * FROM invoices WHERE id = $1', [req.params.id]);
    if (rows.length === 0) {
      return res.status(404).json({ error: 'Invoice not found' });
    }
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

router.put('/invoices/:id/number', async (req: Request<{ id: string }>, res: Response) => {
  try {
    await pool.query('UPDATE invoices SET number = $1 WHERE id = $2', [req.body.number, req.params.id]);
    res.json({ updated: true });
  } catch (err: any) {
    if (err.code === '23505') {
      return res.status(500).json({ error: 'Invoice number already in use' }); // expect: client-error-as-500
    }
    res.status(500).json({ error: err.message, hint: err.hint }); // expect: leaked-exception, leaked-downstream
  }
});

export default router;
