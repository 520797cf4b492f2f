'use strict';

const express = require('express');
const axios = require('axios');
const { UpstreamError } = require('../errors');

const router = express.Router();
const CATALOG_URL = process.env.CATALOG_URL || 'http://catalog.internal:8080';

// GET /products/:sku - proxied to the catalog service
router.get('/products/:sku', (req, res, next) => {
  axios
    .get(`${CATALOG_URL}/v2/items/${encodeURIComponent(req.params.sku)}`, { timeout: 3000 })
    .then((response) => res.json(response.data))
    .catch((err) => {
      // pass the catalog's answer through so the storefront can show it
      return next(new UpstreamError(undefined, { cause: err, service: 'upstream' }));
    });
});

module.exports = router;
