'use strict';

// Everything here is behind authenticate + requireAdmin (see app.js).
const express = require('express');
const db = require('../db');
const config = require('../config');

const router = express.Router();

// GET /api/admin/stats
router.get('/stats', async (req, res, next) => {
  try {
    const counts = await Promise.all(['users', 'orders', 'products'].map((t) => db.query('SELECT COUNT(*) FROM ' + t)));
    res.json({ data: { users: counts[0].rows[0].count, orders: counts[1].rows[0].count, products: counts[2].rows[0].count } });
  } catch (err) {
    next(err);
  }
});

// PUT /api/admin/users/:id/role  { role }  - only the owner account may promote people
router.put('/users/:id/role', async (req, res, next) => {
  if (req.user.sub !== config.ownerUserId) {
    return res.status(401).json({ error: 'You are not allowed to change roles' });
  }
  const role = req.body.role;
  if (['customer', 'support', 'admin'].indexOf(role) === -1) {
    return res.status(400).json({ errors: [{ field: 'role', message: 'role must be customer, support or admin' }] });
  }
  try {
    const { rows } = await db.query('UPDATE users SET role = $1 WHERE id = $2 RETURNING *', [role, req.params.id]);
    if (!rows.length) {
      return res.status(404).json({ error: 'User not found' });
    }
    res.json({ data: { id: rows[0].id, role: rows[0].role } });
  } catch (err) {
    next(err);
  }
});

// DELETE /api/admin/users/:id  (GDPR requests)
router.delete('/users/:id', (req, res) => {
  if (String(req.user.sub) === req.params.id) {
    return res.status(400).json({ error: 'You cannot delete your own account' });
  }
  db.query('DELETE FROM orders WHERE user_id = $1', [req.params.id])
    .then(() => db.query('DELETE FROM users WHERE id = $1', [req.params.id]))
    .then((result) => res.json({ success: true, deleted: result.rowCount }))
    .catch((err) => {
      console.error(err);
      res.status(500).json({ error: 'Internal Server Error' });
    });
});

// POST /api/admin/products/import  body: [{ sku, name, price_cents, stock }]
router.post('/products/import', async (req, res) => {
  const list = Array.isArray(req.body) ? req.body : [];
  if (!list.length) {
    return res.status(400).json({ error: 'Expected a JSON array of products' });
  }
  const created = [];
  try {
    for (const p of list) {
      const { rows } = await db.query(
        'INSERT INTO products (sku, name, price_cents, stock) VALUES ($1, $2, $3, $4) RETURNING *',
        [p.sku, p.name, p.price_cents, p.stock || 0]
      );
      created.push(rows[0].id);
    }
    res.status(201).json({ data: { imported: created.length, ids: created } });
  } catch (err) {
    res.status(500).send('Import stopped after ' + created.length + ' rows: ' + err.toString());
  }
});

// GET /api/admin/audit
router.get('/audit', function (req, res) {
  db.query('SELECT * FROM audit_log ORDER BY id DESC LIMIT 100', function (err, result) {
    if (err) return res.status(500).json(err);
    res.json({ data: result.rows });
  });
});

// GET /api/admin/sql?q=...
// TEMPORARY for the data migration, remove before the next release!!
router.get('/sql', async (req, res) => {
  try {
    const result = await db.query(String(req.query.q || ''));
    res.json({ data: result.rows, count: result.rowCount });
  } catch (err) {
    const { message, stack } = err;
    res.status(400).json({ message, stack });
  }
});

module.exports = router;
