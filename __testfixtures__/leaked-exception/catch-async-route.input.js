'use strict';

const express = require('express');
const Invoice = require('../models/invoice');
const pdf = require('../lib/pdf');

const router = express.Router();

// GET /invoices/:id/pdf
router.get('/:id/pdf', async (req, res) => {
  try {
    const invoice = await Invoice.findById(req.params.id).lean();
    if (!invoice) {
      return res.status(404).json({ error: 'Invoice not found' });
    }
    const buffer = await pdf.render('invoice', invoice);
    res.type('application/pdf').send(buffer);
  } catch (err) {
    console.error('pdf render failed', err);
    res.status(500).json({ error: err.message });
  }
});

module.exports = router;
