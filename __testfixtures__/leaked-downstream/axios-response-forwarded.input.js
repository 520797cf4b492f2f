'use strict';

const express = require('express');
const axios = require('axios');

const router = express.Router();
const CATALOG_URL = process.env.CATALOG_URL || 'http://catalog.internal:8080';

// GET /products/:sku - proxied to the catalog service
router.get('/products/:sku', (req, res) => {
  axios
    .get(`${CATALOG_URL}/v2/items/${encodeURIComponent(req.params.sku)}`, { timeout: 3000 })
    .then((response) => res.json(response.data))
    .catch((err) => {
      // pass the catalog's answer through so the storefront can show it
      res.status(err.response ? err.response.status : 502).json(err.response ? err.response.data : { error: 'catalog unavailable' });
    });
});

module.exports = router;
