'use strict';

const billingService = require('../services/billing.service');
const reportService = require('../services/report.service');
const Customer = require('../models/customer');

// POST /billing/subscribe
exports.subscribe = async (req, res) => {
  const { plan } = req.body;
  try {
    const customer = await Customer.findById(req.user.customerId);
    const charge = await billingService.chargeForPlan(customer, plan);
    res.status(201).json({ chargeId: charge.id, status: charge.status });
  } catch (error) {
    res.status(402).json({ error }); // expect: leaked-exception, leaked-downstream
  }
};

// POST /billing/charges/:id/refund
exports.refund = async (req, res) => {
  try {
    const refund = await billingService.refund(req.params.id, req.body.amount);
    res.json({ refundId: refund.id });
  } catch (err) {
    res.status(502).json({ error: 'Refund failed', reason: err.message }); // expect: leaked-exception
  }
};

// GET /billing/reports/revenue?year=2023
exports.revenueReport = async (req, res) => {
  const year = Number(req.query.year) || new Date().getFullYear();
  try {
    const rows = await reportService.revenueByMonth(year);
    res.json({ year, rows });
  } catch (err) {
    console.error(err);
    res.status(500).json({ message: 'Could not build the revenue report', error: err }); // expect: leaked-exception, leaked-downstream
  }
};

// GET /billing/reports/top-customers
exports.topCustomers = (req, res, next) => {
  reportService
    .topCustomers(Number(req.query.limit) || 10)
    .then((rows) => res.json(rows))
    .catch(next);
};

// GET /billing/reports/top-customers.csv
exports.topCustomersCsv = async (req, res) => {
  try {
    const rows = await reportService.topCustomers(50);
    res.type('text/csv').send(rows.map((r) => `${r.customer_id},${r.total_cents}`).join('\n'));
  } catch (err) {
    res.status(500).json({ message: 'Export failed', detail: reportService.describeDbError(err) }); // expect: leaked-exception, leaked-downstream
  }
};
