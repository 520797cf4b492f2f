'use strict';

const express = require('express');
const db = require('../db');
const { requireRole } = require('../middleware/auth');

const router = express.Router();

router.use(requireRole('support'));

function errorText(e) {
  return e && e.message ? e.message : 'unknown error';
}

// GET /api/reports/sales?from=&to=  (defaults to the last 30 days)
router.get('/sales', async (req, res) => {
  const from = req.query.from ? new Date(req.query.from) : new Date(Date.now() - 30 * 24 * 3600 * 1000);
  const to = req.query.to ? new Date(req.query.to) : new Date();
  if (isNaN(from.getTime()) || isNaN(to.getTime()) || from > to) {
    return res.json({ error: 'Invalid date range' });
  }
  try {
    const { rows } = await db.query('SELECT * FROM orders');
    const inRange = rows.filter((o) => {
      const at = new Date(o.created_at);
      return o.status !== 'cancelled' && at >= from && at <= to;
    });
    const total = inRange.reduce((sum, o) => sum + o.total_cents, 0);
    res.json({ data: { orders: inRange.length, total_cents: total, from: from, to: to } });
  } catch (err) {
    res.status(500).json({ error: errorText(err) });
  }
});

// GET /api/reports/sales.csv  (finance imports this into Excel every Monday)
router.get('/sales.csv', function (req, res) {
  db.query('SELECT * FROM orders ORDER BY id').then(function (result) {
    const lines = ['id,user_id,status,total_cents,created_at'];
    result.rows.forEach(function (o) {
      lines.push([o.id, o.user_id, o.status, o.total_cents, o.created_at].join(','));
    });
    res.set('Content-Type', 'text/csv');
    res.send(lines.join('\n'));
  }, function (err) {
    res.status(500).send(`Failed to export report: ${err.message}`);
  });
});

// GET /api/reports/customers/:id  - used by the CRM sync (temporary, remove after the migration)
router.get('/customers/:id', function (req, res) {
  Promise.all([
    db.query('SELECT * FROM users WHERE id = $1', [req.params.id]),
    db.query('SELECT * FROM orders WHERE user_id = $1', [req.params.id]),
  ])
    .then(function ([users, orders]) {
      if (!users.rows.length) {
        return res.status(404).json({ error: 'Customer not found' });
      }
      const spent = orders.rows.reduce((sum, o) => sum + (o.status === 'paid' ? o.total_cents : 0), 0);
      res.json({ data: { email: users.rows[0].email, orders: orders.rows.length, spent_cents: spent } });
    })
    .catch(function (err) {
      res.status(500).send(String(err));
    });
});

module.exports = router;
