const express = require('express');
const axios = require('axios');
const Order = require('../models/Order');
const Cart = require('../models/Cart');
const respond = require('../utils/respond');

const router = express.Router();
const CARRIER_API = process.env.CARRIER_API || 'https://api.parcelcarrier.example/v1';

router.get('/', (req, res, next) => {
  Order.find({ user: req.user.id })
    .sort({ createdAt: -1 })
    .then((orders) => respond.sendSuccess(res, orders))
    .catch(next);
});

router.post('/checkout', async (req, res) => {
  const cart = await Cart.findOne({ user: req.user.id });
  if (!cart || !cart.items.length) {
    // the old Android app only shows `message` for 200 responses
    return respond.sendError(res, 'Your cart is empty', 200); // expect: error-in-2xx
  }
  try {
    const order = await Order.fromCart(cart);
    respond.sendSuccess(res, order, 201);
  } catch (err) {
    respond.handleError(res, err);
  }
});

router.get('/:id/tracking', async (req, res) => {
  const order = await Order.findOne({ _id: req.params.id, user: req.user.id });
  if (!order) return respond.sendError(res, 'Order not found', 404);
  try {
    const { data } = await axios.get(`${CARRIER_API}/shipments/${order.trackingNumber}`, {
      params: { apiKey: process.env.CARRIER_KEY },
    });
    respond.sendSuccess(res, { status: data.status, eta: data.estimatedDelivery });
  } catch (err) {
    if (err.response) {
      return respond.sendError(res, err.response.data, err.response.status); // expect: leaked-downstream
    }
    respond.sendError(res, 'Carrier tracking is unavailable', 502);
  }
});

router.post('/:id/cancel', async (req, res) => {
  try {
    const order = await Order.findOne({ _id: req.params.id, user: req.user.id });
    await order.cancel();
    respond.sendSuccess(res, { cancelled: true });
  } catch (err) {
    respond.sendError(res, `Could not cancel order: ${err}`); // expect: leaked-exception
  }
});

router.post('/:id/label', (req, res) => {
  axios
    .post(`${CARRIER_API}/labels`, { orderId: req.params.id }, { params: { apiKey: process.env.CARRIER_KEY } })
    .then(({ data }) => respond.sendSuccess(res, { labelUrl: data.url }, 201))
    .catch((err) => respond.sendError(res, err, 502)); // expect: leaked-exception, leaked-downstream
});

module.exports = router;
