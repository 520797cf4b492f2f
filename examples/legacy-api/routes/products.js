'use strict';

const express = require('express');
const db = require('../db');
const { authenticate, requireRole } = require('../middleware/auth');

const router = express.Router();

// everything in this file fails the same way
function fail(res, e) {
  console.error('[products]', e);
  res.status(500).json({ message: e.message });
}

// GET /api/products?q=
router.get('/', function (req, res) {
  const q = req.query.q;
  let sql = 'SELECT * FROM products';
  const params = [];
  if (q) {
    if (String(q).length < 2) {
      return res.json({ error: 'Search term must be at least 2 characters' });
    }
    sql += ' WHERE name ILIKE $1';
    params.push('%' + q + '%');
  }
  db.query(sql + ' ORDER BY id', params)
    .then((result) => res.json({ data: result.rows }))
    .catch((e) => fail(res, e));
});

// GET /api/products/:id
router.get('/:id', function (req, res) {
  db.query('SELECT * FROM products WHERE id = $1', [req.params.id])
    .then(function (result) {
      if (!result.rows.length) {
        return res.status(404).json({ error: 'Product not found' });
      }
      res.json({ data: result.rows[0] });
    })
    .catch(function (e) {
      fail(res, e);
    });
});

// GET /api/products/:id/related
// "people also bought" - best effort, the widget just hides itself on failure
router.get('/:id/related', async (req, res) => {
  const unavailable = { ok: false, reason: 'Recommendations are not available' };
  try {
    const { rows } = await db.query('SELECT * FROM products WHERE id = $1', [req.params.id]);
    const product = rows[0];
    if (!product) {
      return res.status(404).json({ error: 'Product not found' });
    }
    const all = await db.query('SELECT * FROM products WHERE stock > 0');
    res.json({ ok: true, data: all.rows.filter((p) => p.id !== product.id && p.sku.split('-')[0] === product.sku.split('-')[0]) });
  } catch (err) {
    console.error(err);
    res.json(unavailable);
  }
});

// POST /api/products  (admin)
router.post('/', authenticate, requireRole('admin'), async function (req, res) {
  const { sku, name, price_cents, stock } = req.body;
  const errors = [];
  if (!sku) errors.push('sku is required');
  if (!name) errors.push('name is required');
  if (!Number.isInteger(price_cents) || price_cents < 0) errors.push('price_cents must be a non-negative integer');
  if (errors.length) {
    return res.status(400).json({ errors: errors });
  }
  try {
    const { rows } = await db.query(
      'INSERT INTO products (sku, name, price_cents, stock) VALUES ($1, $2, $3, $4) RETURNING *',
      [sku, name, price_cents, stock || 0]
    );
    res.status(201).json({ data: rows[0] });
  } catch (err) {
    if (err.code === '23505') {
      return res.status(409).json({ error: 'Duplicate SKU', constraint: err.constraint, table: err.table });
    }
    fail(res, err);
  }
});

// PATCH /api/products/:id/stock  { delta }  (warehouse scanner)
router.patch('/:id/stock', authenticate, requireRole('admin'), (req, res) => {
  const delta = parseInt(req.body.delta, 10);
  if (isNaN(delta)) {
    return res.status(400).json({ error: 'delta must be a number' });
  }
  db.query('SELECT * FROM products WHERE id = $1', [req.params.id], (err, result) => {
    if (err) {
      return res.status(500).end();
    }
    const product = result.rows[0];
    if (!product) {
      return res.status(404).json({ error: 'Product not found' });
    }
    db.query('UPDATE products SET stock = $1 WHERE id = $2 RETURNING *', [Math.max(0, product.stock + delta), product.id])
      .then((updated) => res.json({ data: updated.rows[0] }))
      .catch((e) => fail(res, e));
  });
});

module.exports = router;
