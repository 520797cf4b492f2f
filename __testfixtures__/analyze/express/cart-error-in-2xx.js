const express = require('express');
const Coupon = require('../models/coupon');
const Cart = require('../models/cart');

const router = express.Router();

router.post('/cart/coupon', async (req, res, next) => {
  try {
    const coupon = await Coupon.findOne({ code: req.body.code });
    if (!coupon) {
      return res.json({ success: false, message: 'Coupon not found' }); // expect: error-in-2xx
    }
    if (coupon.expiresAt < new Date()) {
      return res.json({ status: 'error', message: 'Coupon expired' }); // expect: error-in-2xx
    }
    const cart = await Cart.applyCoupon(req.session.cartId, coupon);
    res.json({ success: true, cart });
  } catch (err) {
    next(err);
  }
});

router.post('/cart/items', async (req, res) => {
  const { sku, quantity } = req.body;
  if (!sku || quantity < 1) {
    return res.status(200).json({ error: 'sku and a positive quantity are required' }); // expect: error-in-2xx
  }
  try {
    const cart = await Cart.addItem(req.session.cartId, sku, quantity);
    res.json({ success: true, cart });
  } catch (err) {
    res.status(200).json({ success: false, error: 'Could not add item' }); // expect: error-in-2xx
  }
});

router.delete('/cart/items/:sku', async (req, res) => {
  try {
    const cart = await Cart.removeItem(req.session.cartId, req.params.sku);
    res.json({ success: true, cart, errors: [] });
  } catch (err) {
    const failure = { ok: false, reason: 'cart_locked' };
    res.json(failure); // expect: error-in-2xx
  }
});

router.get('/cart', async (req, res, next) => {
  try {
    const cart = await Cart.findById(req.session.cartId);
    res.json({ cart, error: null });
  } catch (err) {
    next(err);
  }
});

router.post('/cart/gift-card', async (req, res) => {
  try {
    const balance = await Cart.redeemGiftCard(req.session.cartId, req.body.code);
    res.json({ success: true, balance });
  } catch (error) {
    res.json({ error }); // expect: leaked-exception, error-in-2xx
  }
});

router.post('/cart/checkout', async (req, res) => {
  try {
    const order = await Cart.checkout(req.session.cartId);
    res.status(201).json({ success: true, orderId: order.id });
  } catch (err) {
    res.send('Something went wrong, please try again'); // expect: error-in-2xx
  }
});

module.exports = router;
