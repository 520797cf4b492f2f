'use strict';

const express = require('express');
const db = require('../db');
const orders = require('../controllers/ordersController');

const router = express.Router();

router.get('/', orders.list);
router.post('/', orders.create);
router.get('/:id', orders.get);
router.post('/:id/cancel', orders.cancel);
router.put('/:id/address', orders.updateAddress);

// plain-text invoice for the support team. Should move into the controller at some point.
router.get('/:id/invoice', function (req, res) {
  db.query('SELECT * FROM orders WHERE id = $1', [req.params.id])
    .then(function (result) {
      const order = result.rows[0];
      if (!order || (order.user_id !== req.user.sub && req.user.role === 'customer')) {
        return res.status(404).json({ error: 'Order not found' });
      }
      const lines = ['INVOICE #' + order.id, 'Date: ' + order.created_at, ''];
      JSON.parse(order.items).forEach(function (item) {
        lines.push((item.quantity || 1) + ' x product ' + item.productId);
      });
      lines.push('', 'Total: $' + (order.total_cents / 100).toFixed(2));
      res.type('text/plain').send(lines.join('\n'));
    })
    .catch(function (err) {
      const reason = err.message;
      res.status(500).json({ message: 'Could not build the invoice', reason: reason });
    });
});

module.exports = router;
