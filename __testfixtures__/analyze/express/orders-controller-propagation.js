const Order = require('../models/order');
const inventory = require('../services/inventory');
const logger = require('../lib/logger');

exports.list = async (req, res) => {
  try {
    const orders = await Order.find({ customer: req.user.id }).sort('-createdAt');
    res.json({ orders });
  } catch (err) {
    const e = err;
    logger.error(e);
    res.status(500).json({ error: e.message }); // expect: leaked-exception
  }
};

exports.show = async (req, res) => {
  try {
    const order = await Order.findOne({ _id: req.params.id, customer: req.user.id });
    if (!order) return res.status(404).json({ error: 'Order not found' });
    res.json(order);
  } catch (err) {
    const { message } = err;
    res.status(500).json({ message }); // expect: leaked-exception
  }
};

exports.create = async (req, res) => {
  try {
    await inventory.reserve(req.body.items);
    const order = await Order.create({ ...req.body, customer: req.user.id });
    res.status(201).json(order);
  } catch (err) {
    res.status(500).send(`Could not create order: ${err.message}`); // expect: leaked-exception
  }
};

exports.cancel = async (req, res) => {
  try {
    const order = await Order.findById(req.params.id);
    await inventory.release(order.items);
    order.status = 'cancelled';
    await order.save();
    res.json({ success: true });
  } catch (err) {
    res.status(500).send('Cancel failed: ' + err); // expect: leaked-exception
  }
};

exports.refund = async (req, res) => {
  try {
    const refund = await Order.refund(req.params.id, req.body.amount);
    res.json(refund);
  } catch (err) {
    res.status(502).json({ ...err, reason: 'refund_failed' }); // expect: leaked-exception
  }
};

exports.history = async (req, res) => {
  try {
    const events = await Order.history(req.params.id);
    res.json(events);
  } catch (err) {
    const payload = { error: 'history_unavailable', details: err };
    res.status(500).json(payload); // expect: leaked-exception
  }
};

exports.archive = async (req, res) => {
  try {
    await Order.archiveOlderThan(req.user.id, req.body.before);
    res.status(204).end();
  } catch (err) {
    res.status(500).json({ errors: [err.message] }); // expect: leaked-exception
  }
};

exports.track = async (req, res, next) => {
  try {
    const tracking = await Order.tracking(req.params.id);
    res.json({ tracking });
  } catch (err) {
    logger.warn({ err }, 'tracking lookup failed');
    next(err);
  }
};
