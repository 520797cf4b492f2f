'use strict';

const express = require('express');
const { exportRows } = require('../services/export');

const router = express.Router();

// GET /export.csv - streams rows as they come back from the database
router.get('/export.csv', async (req, res) => {
  res.setHeader('Content-Type', 'text/csv');
  res.write('id,email,created_at\n');
  try {
    for await (const row of exportRows()) {
      res.write(`${row.id},${row.email},${row.created_at}\n`);
    }
    res.end();
  } catch (err) {
    res.end(`\nexport failed: ${err.message}\n`);
  }
});

module.exports = router;
