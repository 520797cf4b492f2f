'use strict';

const express = require('express');
const { parseFilters } = require('../lib/filters');
const { BadRequestError } = require('../errors');

const router = express.Router();

// GET /search?filters=<json>
router.get('/search', (req, res) => {
  let filters;
  try {
    filters = parseFilters(JSON.parse(req.query.filters || '{}'));
  } catch (e) {
    // bad JSON from the old mobile client, tell them what is wrong
    throw new BadRequestError('Invalid filters', { cause: e });
  }
  res.json({ data: search(filters) });
});

function search(filters) {
  return Object.keys(filters);
}

module.exports = router;
