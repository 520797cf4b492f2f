'use strict';

const express = require('express');
const Order = require('../models/order');

const router = express.Router();

// shared by every route below
function handleError(res, err) {
  console.error('[orders]', err);
  res.status(500).json({ success: false, message: err.message });
}

router.get('/', (req, res) => {
  Order.find({ customer: req.user.id })
    .sort('-createdAt')
    .then((orders) => res.json({ success: true, data: orders }))
    .catch((err) => handleError(res, err));
});

router.delete('/:id', async (req, res) => {
  try {
    await Order.deleteOne({ _id: req.params.id, customer: req.user.id });
    res.status(204).end();
  } catch (err) {
    handleError(res, err);
  }
});

module.exports = router;
