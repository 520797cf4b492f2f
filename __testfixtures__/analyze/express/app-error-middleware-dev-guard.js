const express = require('express');
const helmet = require('helmet');
const morgan = require('morgan');
const routes = require('./routes');
const logger = require('./lib/logger');

const app = express();

app.use(helmet());
app.use(morgan('combined'));
app.use(express.json({ limit: '1mb' }));
app.use('/api', routes);

app.use((req, res) => {
  res.status(404).json({ error: 'Not found' });
});

// body-parser rejects malformed JSON before any route runs
app.use((err, req, res, next) => {
  if (err.type === 'entity.parse.failed') {
    return res.status(400).json({ error: 'Malformed JSON body' });
  }
  next(err);
});

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  logger.error({ err, path: req.path }, 'unhandled error');
  const status = err.status || err.statusCode || 500;
  res.status(status).json({
    error: status >= 500 ? 'Internal Server Error' : 'Request failed',
    code: err.code,
    stack: process.env.NODE_ENV === 'development' ? err.stack : undefined,
  });
});

// eslint-disable-next-line no-unused-vars
function lastResort(err, req, res, next) {
  logger.fatal({ err }, 'error handler failed');
  res.status(500).send('Internal Server Error');
}

app.use(lastResort);

module.exports = app;
