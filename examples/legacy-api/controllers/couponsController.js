'use strict';

const db = require('../db');

function findCoupon(code) {
  return db.query('SELECT * FROM coupons WHERE code = $1', [String(code || '').trim().toUpperCase()])
    .then(function (result) { return result.rows[0]; });
}

function isExpired(coupon) {
  return new Date(coupon.expires_at) < new Date();
}

// GET /api/v1/coupons/check?code=
exports.check = async function (req, res, next) {
  if (!req.query.code) {
    return res.status(400).json({ status: 0, msg: 'Please enter a coupon code' });
  }
  try {
    const coupon = await findCoupon(req.query.code);
    if (!coupon) {
      return res.json({ status: 0, msg: 'Coupon not found' });
    }
    if (isExpired(coupon)) {
      return res.json({ status: 0, msg: 'This coupon has expired' });
    }
    res.json({ status: 1, msg: 'ok', data: { code: coupon.code, percent_off: coupon.percent_off } });
  } catch (err) {
    next(err);
  }
};

// POST /api/v1/coupons/apply  { code, orderId }
// (Marco) app 2.x shows a generic "network error" on any non-2xx, so unexpected
// failures answer 200 with a readable message. Temporary until 2.x is gone.
exports.apply = async function (req, res) {
  try {
    const coupon = await findCoupon(req.body.code);
    const { rows } = await db.query('SELECT * FROM orders WHERE id = $1 AND user_id = $2', [req.body.orderId, req.user.sub]);
    const order = rows[0];
    if (!coupon || isExpired(coupon) || !order || order.status !== 'pending') {
      return res.status(422).json({ status: 0, msg: 'Coupon cannot be applied to this order' });
    }
    const total = Math.round(order.total_cents * (100 - coupon.percent_off) / 100);
    await db.query('UPDATE orders SET total_cents = $1, coupon = $2 WHERE id = $3', [total, coupon.code, order.id]);
    res.json({ status: 1, msg: 'ok', data: { total_cents: total } });
  } catch (err) {
    console.error('coupon apply failed', err);
    res.status(200).json({ status: 'error', message: 'Could not apply coupon' });
  }
};
