const express = require('express');

const router = express.Router();

function fail(res, err) {
  res.status(500).json({ error: err.toString() });
}

router.get('/invoices', async (req, res) => {
  try {
    res.json(await listInvoices());
  } catch (err) {
    fail(res, err);
  }
});

async function listInvoices() {
  return [];
}

module.exports = router;
