'use strict';

const express = require('express');
const morgan = require('morgan');
const cors = require('cors');
const { authenticate } = require('./middleware/auth');

const app = express();

app.use(morgan('combined'));
app.use(cors({ origin: process.env.WEB_ORIGIN }));
app.use(express.json());

app.get('/health', (req, res) => res.json({ ok: true }));
app.use('/api/users', authenticate, require('./routes/users'));
app.use('/api/orders', authenticate, require('./routes/orders'));

// 404 for everything else
app.use(function (req, res) {
  res.status(404).json({ error: 'Not found' });
});

// legacy catch-all, answers with the stack in dev
app.use(function (err, req, res, next) { // eslint-disable-line no-unused-vars
  res.status(500).json({ error: err.message });
});

module.exports = app;
