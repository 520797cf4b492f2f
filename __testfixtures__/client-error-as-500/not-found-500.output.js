'use strict';

const express = require('express');
const Product = require('../models/product');
const { NotFoundError } = require('../errors');

const router = express.Router();

router.get('/products/:slug', async (req, res, next) => {
  try {
    const product = await Product.findOne({ slug: req.params.slug, published: true });
    if (!product) {
      return next(new NotFoundError('Product not found'));
    }
    res.json(product);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
