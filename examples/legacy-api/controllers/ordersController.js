'use strict';

const db = require('../db');
const sendError = require('../utils/sendError');

function validateAddress(body) {
  const missing = ['line1', 'city', 'zip', 'country'].find((field) => !body[field]);
  if (missing) throw Object.assign(new Error(missing + ' is required'), { status: 400, field: missing });
  return { line1: body.line1, line2: body.line2 || '', city: body.city, zip: body.zip, country: body.country };
}

// GET /api/orders
exports.list = async (req, res, next) => {
  try {
    const { rows } = await db.query('SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC', [req.user.sub]);
    res.json({ data: rows });
  } catch (err) {
    next(err);
  }
};

// GET /api/orders/:id
exports.get = async (req, res, next) => {
  try {
    const { rows } = await db.query('SELECT * FROM orders WHERE id = $1', [req.params.id]);
    const order = rows[0];
    // other people's orders are "not found" on purpose
    if (!order || (order.user_id !== req.user.sub && req.user.role !== 'admin')) {
      return res.status(404).json({ error: 'Order not found' });
    }
    res.json({ data: order });
  } catch (err) {
    next(err);
  }
};

// POST /api/orders  { items: [{ productId, quantity }] }
exports.create = async (req, res) => {
  const items = req.body.items;
  if (!Array.isArray(items) || !items.length) {
    return res.status(500).json({ error: 'Items are required' });
  }
  try {
    let total = 0;
    for (const item of items) {
      const quantity = item.quantity || 1;
      const { rows } = await db.query('SELECT * FROM products WHERE id = $1', [item.productId]);
      const product = rows[0];
      if (!product) {
        return res.status(400).json({ error: 'Unknown product in cart' });
      }
      if (product.stock < quantity) {
        // the web shop shows `message` in a toast
        return res.json({ success: false, message: product.name + ' is out of stock' });
      }
      total += product.price_cents * quantity;
    }
    const { rows } = await db.query(
      'INSERT INTO orders (user_id, items, total_cents, status) VALUES ($1, $2, $3, $4) RETURNING *',
      [req.user.sub, JSON.stringify(items), total, 'pending']
    );
    res.status(201).json({ data: rows[0] });
  } catch (err) {
    sendError(res, err);
  }
};

// POST /api/orders/:id/cancel
exports.cancel = function (req, res) {
  db.query('SELECT * FROM orders WHERE id = $1 AND user_id = $2', [req.params.id, req.user.sub], function (err, result) {
    if (err) {
      return res.status(500).send(err.message);
    }
    const order = result.rows[0];
    if (!order) {
      return res.status(404).json({ error: 'Order not found' });
    }
    if (order.status !== 'pending') {
      return res.status(409).json({ error: 'Only pending orders can be cancelled' });
    }
    db.query('UPDATE orders SET status = $1 WHERE id = $2', ['cancelled', order.id])
      .then(() => res.json({ success: true }))
      .catch(() => res.sendStatus(500));
  });
};

// PUT /api/orders/:id/address
exports.updateAddress = async (req, res) => {
  try {
    const address = validateAddress(req.body);
    const { rows } = await db.query(
      'UPDATE orders SET address = $1 WHERE id = $2 AND user_id = $3 RETURNING *',
      [JSON.stringify(address), req.params.id, req.user.sub]
    );
    if (!rows.length) {
      return res.status(404).json({ error: 'Order not found' });
    }
    res.json({ data: rows[0] });
  } catch (err) {
    // validateAddress sets status + field, the checkout form highlights the field
    res.status(err.status || 400).json({ ...err, error: 'Address could not be updated' });
  }
};
