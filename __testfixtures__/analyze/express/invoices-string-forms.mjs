import express from 'express';
import util from 'node:util';
import { renderInvoice } from '../lib/pdf.mjs';
import { Invoice } from '../models/invoice.mjs';

const router = express.Router();

router.get('/:id/pdf', async (req, res) => {
  try {
    const invoice = await Invoice.findByPk(req.params.id);
    const pdf = await renderInvoice(invoice);
    res.type('application/pdf').send(pdf);
  } catch (err) {
    res.status(500).send(String(err)); // expect: leaked-exception
  }
});

router.post('/:id/send', async (req, res) => {
  try {
    await Invoice.send(req.params.id, req.body.to);
    res.json({ sent: true });
  } catch (err) {
    res.status(500).json({ error: err.toString() }); // expect: leaked-exception
  }
});

router.post('/import', async (req, res) => {
  try {
    const result = await Invoice.bulkImport(req.body.rows);
    res.status(201).json(result);
  } catch (err) {
    res.status(500).send(JSON.stringify(err)); // expect: leaked-exception
  }
});

router.get('/:id/debug', async (req, res) => {
  try {
    const invoice = await Invoice.findByPk(req.params.id, { include: ['lines'] });
    res.json(invoice);
  } catch (err) {
    res.status(500).type('text/plain').send(util.inspect(err, { depth: 3 })); // expect: leaked-exception
  }
});

router.get('/', async (req, res, next) => {
  try {
    const invoices = await Invoice.findAll({ where: { accountId: req.user.accountId } });
    res.json({ data: invoices, error: null });
  } catch (err) {
    next(err);
  }
});

export default router;
