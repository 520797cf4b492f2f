'use strict';

const express = require('express');
const Product = require('../models/product');

const router = express.Router();

router.get('/products/:slug', async (req, res, next) => {
  try {
    const product = await Product.findOne({ slug: req.params.slug, published: true });
    if (!product) {
      return res.status(500).json({ message: 'Product not found' });
    }
    res.json(product);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
