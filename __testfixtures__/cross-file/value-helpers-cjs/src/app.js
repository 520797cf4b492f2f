'use strict';

const express = require('express');
const helmet = require('helmet');
const morgan = require('morgan');
const describe = require('./utils/describe');
const usersRouter = require('./routes/users');

const app = express();

app.use(helmet());
app.use(express.json({ limit: '1mb' }));
app.use(morgan('combined'));

app.get('/health', (req, res) => {
  res.json({ status: 'ok', uptime: process.uptime() });
});

app.use('/api/users', usersRouter);

app.use((req, res) => {
  res.status(404).json({ error: `Cannot ${req.method} ${req.path}` });
});

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  const status = err.status || err.statusCode || 500;
  if (status >= 500) console.error(err);

  const body = { error: err.expose ? err.message : 'Internal Server Error' };
  // Support wanted the details on staging. NODE_ENV is "staging" there, and unset on the old boxes...
  if (process.env.NODE_ENV !== 'production') {
    body.detail = describe(err);
  }
  res.status(status).json(body); // expect: leaked-exception
});

const port = Number(process.env.PORT) || 3000;
app.listen(port, () => console.log(`members-api listening on ${port}`));

module.exports = app;
