'use strict';

const express = require('express');

const seed = require('./db/seed');
const { authenticate, requireAdmin } = require('./middleware/auth');
const upstreamErrors = require('./middleware/upstreamErrors');

const app = express();

seed();

app.disable('x-powered-by');
// body-parser is bundled with express now; same limits as before the switch
app.use(express.json({ limit: '1mb' }));
app.use(express.urlencoded({ extended: false }));

app.get('/health', function (req, res) {
  res.json({ status: 'ok', uptime: process.uptime() });
});

app.use('/api/auth', require('./routes/auth'));
app.use('/api/v1', require('./routes/v1')); // mobile app (< 3.0), keep until the forced upgrade
app.use('/api/products', require('./routes/products'));
app.use('/api/users', authenticate, require('./routes/users'));
app.use('/api/orders', authenticate, require('./routes/orders'));
app.use('/api/payments', authenticate, require('./routes/payments'));
app.use('/api/shipping', require('./routes/shipping'));
app.use('/api/reports', authenticate, require('./routes/reports'));
app.use('/api/admin', authenticate, requireAdmin, require('./routes/admin'));

app.use(function (req, res) {
  res.status(404).json({ error: 'Not found' });
});

app.use(upstreamErrors);

// TODO: hide the stack in production (Dave said he'd do it after launch)
app.use(function (err, req, res, next) { // eslint-disable-line no-unused-vars
  console.error(err);
  res.status(err.status || 500).json({
    error: err.message,
    stack: err.stack,
  });
});

module.exports = app;
