'use strict';

const express = require('express');
const Order = require('../models/order');
const { InternalError } = require('../errors');

const router = express.Router();

// shared by every route below
function handleError(res, err, next) {
  console.error('[orders]', err);
  return next(new InternalError(undefined, { cause: err }));
}

router.get('/', (req, res, next) => {
  Order.find({ customer: req.user.id })
    .sort('-createdAt')
    .then((orders) => res.json({ success: true, data: orders }))
    .catch((err) => handleError(res, err, next));
});

router.delete('/:id', async (req, res, next) => {
  try {
    await Order.deleteOne({ _id: req.params.id, customer: req.user.id });
    res.status(204).end();
  } catch (err) {
    handleError(res, err, next);
  }
});

module.exports = router;
