'use strict';

const express = require('express');
const inventory = require('../services/inventory');

const router = express.Router();

// POST /stock/bulk  - best effort: applies what it can, reports the rest
router.post('/stock/bulk', async (req, res) => {
  const applied = [];
  try {
    for (const change of req.body.changes) {
      applied.push(await inventory.apply(change));
    }
    res.json({ data: applied });
  } catch (err) {
    res.status(500).json({ data: applied, error: err.message });
  }
});

module.exports = router;
