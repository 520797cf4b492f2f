'use strict';

const axios = require('axios');
const { UpstreamTimeoutError } = require('../errors');

const carriers = axios.create({ baseURL: process.env.CARRIER_API, timeout: 4000 });

// POST /shipments/quote
exports.quote = async function quote(req, res, next) {
  try {
    const { data } = await carriers.post('/quotes', { from: req.body.from, to: req.body.to, weight: req.body.weight });
    res.json({ quote: data });
  } catch (err) {
    if (err.code === 'ECONNABORTED') {
      return next(new UpstreamTimeoutError('Carrier timed out', { cause: err, service: 'carriers' }));
    }
    next(err);
  }
};
