// Written by the billing contractor: every handler answers through the shared helpers, with their own naming.
const express = require('express');
const Invoice = require('../models/Invoice');
const { sendSuccess, sendError } = require('../utils/respond');

const router = express.Router();

router.get('/:id', async (request, answer) => {
  try {
    const invoice = await Invoice.findById(request.params.id);
    if (!invoice) return sendError(answer, 'Invoice not found', 404);
    sendSuccess(answer, invoice);
  } catch (failure) {
    sendError(answer, failure.message); // expect: leaked-exception
  }
});

router.post('/:id/pay', async (request, out) => {
  try {
    sendSuccess(out, await Invoice.pay(request.params.id, request.body.token));
  } catch (e) {
    sendError(out, `Payment failed: ${e}`, 402); // expect: leaked-exception
  }
});

module.exports = router;
