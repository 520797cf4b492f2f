var express = require('express');
var db = require('../db');
var mailer = require('../mailer');

var router = express.Router();

router.get('/customers', function (req, res) {
  db.Customer.findAll({ order: [['name', 'ASC']] })
    .then(function (customers) {
      res.json(customers);
    })
    .catch(function (err) {
      res.status(500).json({ message: err.message }); // expect: leaked-exception
    });
});

router.get('/customers/:id', function (req, res) {
  db.Customer.findByPk(req.params.id).then(
    function (customer) {
      if (!customer) return res.status(404).json({ message: 'Customer not found' });
      res.json(customer);
    },
    function (err) {
      res.status(500).send(err.stack); // expect: leaked-exception
    }
  );
});

router.post('/customers', function (req, res) {
  db.Customer.create(req.body)
    .then((customer) => res.status(201).json(customer))
    .catch((error) => res.status(422).json({ error: error.message })); // expect: leaked-exception
});

router.post('/customers/:id/invite', function (req, res, next) {
  db.Customer.findByPk(req.params.id)
    .then(function (customer) {
      return mailer.sendInvite(customer.email);
    })
    .then(function () {
      res.json({ invited: true });
    })
    .catch(next);
});

router.delete('/customers/:id', function (req, res, next) {
  db.Customer.destroy({ where: { id: req.params.id } })
    .then(() => res.status(204).end())
    .catch((err) => next(err));
});

router.get('/customers/:id/orders', function (req, res) {
  db.Order.findAll({ where: { customerId: req.params.id } })
    .then((orders) => res.json(orders))
    .catch((e) => {
      res.json({ orders: [], error: e.message }); // expect: leaked-exception, error-in-2xx
    });
});

module.exports = router;
