'use strict';

const express = require('express');
const db = require('../db');
const shipping = require('../services/shipping');
const { authenticate, requireRole } = require('../middleware/auth');

const router = express.Router();

// GET /api/shipping/quote?zip=&weight=
router.get('/quote', function (req, res) {
  if (!req.query.zip) {
    return res.status(400).json({ error: 'zip is required' });
  }
  shipping.getQuote(req.query)
    .then(function (quote) {
      res.json({ data: quote });
    })
    .catch(function (err) {
      // the carrier answers 422 for unknown zips, keep that status
      res.status(err.response ? err.response.status : 502).json({ error: 'Could not get a shipping quote' });
    });
});

// GET /api/shipping/rates  - v2 of /quote for the new checkout (Sam, 2020)
router.get('/rates', async (req, res) => {
  if (!req.query.zip) {
    return res.status(400).json({ errors: [{ field: 'zip', message: 'zip is required' }] });
  }
  try {
    const quote = await shipping.getQuote(req.query);
    res.json({ data: quote });
  } catch (err) {
    console.error('shipping rates failed', err);
    res.status(502).json({
      error: 'Shipping rates are unavailable right now',
      debug: process.env.NODE_ENV === 'development' ? err.message : undefined,
    });
  }
});

// POST /api/shipping/orders/:id/ship  { address }  (warehouse tool)
router.post('/orders/:id/ship', authenticate, requireRole('support'), async (req, res, next) => {
  try {
    const { rows } = await db.query('SELECT * FROM orders WHERE id = $1', [req.params.id]);
    const order = rows[0];
    if (!order) {
      return res.status(404).json({ error: 'Order not found' });
    }
    if (order.status !== 'paid') {
      return res.status(409).json({ error: 'Order has not been paid yet' });
    }
    const shipment = await shipping.createShipment(order, req.body.address);
    await db.query('UPDATE orders SET status = $1, tracking_number = $2 WHERE id = $3', ['shipped', shipment.tracking_number, order.id]);
    res.status(201).json({ data: shipment });
  } catch (err) {
    next(err); // carrier errors are handled by middleware/upstreamErrors
  }
});

// GET /api/shipping/track/:trackingNumber  (public, linked from the emails)
router.get('/track/:trackingNumber', function (req, res) {
  shipping.track(req.params.trackingNumber, function (err, info) {
    if (err) {
      res.set('X-Carrier-Error', err.message);
      return res.status(502).json({ error: 'Tracking is temporarily unavailable' });
    }
    res.json({ data: info });
  });
});

module.exports = router;
