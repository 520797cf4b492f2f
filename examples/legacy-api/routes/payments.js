'use strict';

const express = require('express');
const db = require('../db');
const payments = require('../services/payments');

const router = express.Router();

// POST /api/payments  { orderId, source }
router.post('/', async (req, res, next) => {
  const { orderId, source } = req.body;
  if (!orderId || !source) {
    return res.status(400).json({ error: 'orderId and source are required' });
  }
  try {
    const { rows } = await db.query('SELECT * FROM orders WHERE id = $1 AND user_id = $2', [orderId, req.user.sub]);
    const order = rows[0];
    if (!order || order.status !== 'pending') {
      return res.status(404).json({ error: 'No pending order with that id' });
    }
    const charge = await payments.charge(order, source);
    await db.query(
      'INSERT INTO payments (order_id, charge_id, amount_cents, status) VALUES ($1, $2, $3, $4)',
      [order.id, charge.id, order.total_cents, charge.status]
    );
    await db.query('UPDATE orders SET status = $1, charge_id = $2 WHERE id = $3', ['paid', charge.id, order.id]);
    res.status(201).json({ data: { chargeId: charge.id, status: charge.status } });
  } catch (err) {
    if (err.response) {
      // pass the provider's answer through so checkout can show the decline reason
      return res.status(err.response.status).json(err.response.data);
    }
    next(err);
  }
});

// GET /api/payments/:chargeId
router.get('/:chargeId', function (req, res) {
  payments.getCharge(req.params.chargeId)
    .then(function (charge) {
      res.json({ data: { id: charge.id, status: charge.status, amount: charge.amount } });
    })
    .catch(function (err) {
      console.error(err);
      res.status(502).json({ error: 'Payment provider request failed', url: err.config.url });
    });
});

// POST /api/payments/:chargeId/refund  { amount_cents }
router.post('/:chargeId/refund', async function (req, res) {
  if (req.user.role !== 'admin' && req.user.role !== 'support') {
    return res.status(403).json({ error: 'Only support staff can issue refunds' });
  }
  try {
    const refund = await payments.refund(req.params.chargeId, req.body.amount_cents);
    res.json({ success: true, refundId: refund.id });
  } catch (err) {
    // support wants to see the provider's reason in the admin UI
    res.status(502).json({ message: err.message, provider: err.response ? err.response.data : null });
  }
});

// GET /api/payments/:chargeId/receipt
router.get('/:chargeId/receipt', async (req, res) => {
  try {
    const charge = await payments.getCharge(req.params.chargeId);
    res.json({ data: { id: charge.id, amount: charge.amount, receipt_url: charge.receipt_url } });
  } catch (err) {
    console.error('receipt lookup failed', err);
    res.status(502).json({ error: 'Could not reach the payment provider' });
  }
});

module.exports = router;
