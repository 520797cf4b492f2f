'use strict';

const express = require('express');
const { parseFilters } = require('../lib/filters');

const router = express.Router();

// GET /search?filters=<json>
router.get('/search', (req, res) => {
  let filters;
  try {
    filters = parseFilters(JSON.parse(req.query.filters || '{}'));
  } catch (e) {
    // bad JSON from the old mobile client, tell them what is wrong
    return res.status(400).json({ error: 'Invalid filters', details: e.message });
  }
  res.json({ data: search(filters) });
});

function search(filters) {
  return Object.keys(filters);
}

module.exports = router;
