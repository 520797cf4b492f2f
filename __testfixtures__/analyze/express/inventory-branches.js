// Inventory routes written in a hurry: status after send, sibling blocks, an error helper taking (error, req, res).
const express = require('express');
const Item = require('../models/item');
const supplier = require('../services/supplier');

const router = express.Router();

function replyFailure(error, req, res) {
  console.error(req.method, req.originalUrl, error);
  const payload = { status: 500, message: error };
  res.status(500).send(payload); // expect: leaked-exception
}

router.post('/items', async (req, res) => {
  try {
    const found = await Item.findOne({ sku: req.body.sku });
    if (found) return res.json({ success: false, message: 'Item already there' }).status(400); // expect: error-in-2xx
    const item = await Item.create(req.body);
    res.status(201).json(item);
  } catch (err) {
    res.json({ success: false, message: 'Could not save item' }).status(500); // expect: error-in-2xx
  }
});

router.post('/items/:id/restock', async (req, res) => {
  try {
    await supplier.order(req.params.id, req.body.quantity);
    res.json({ ok: true });
  } catch (err) {
    if (err.response) {
      const details = { upstream: err.response.data };
      res.status(502).json({ details }); // expect: leaked-downstream
    } else {
      const details = { reason: 'internal' };
      res.status(500).json({ details });
    }
  }
});

router.get('/items/:id', (req, res) => {
  Item.findById(req.params.id)
    .then((item) => res.json(item))
    .catch((error) => replyFailure(error, req, res));
});

module.exports = router;
