'use strict';

const express = require('express');
const { errorLogger } = require('./middleware/logging');
const { errorHandler } = require('./src/errors');

function createApp(deps) {
  const app = express();
  app.use(express.json());
  app.use('/api/tickets', require('./routes/tickets')(deps));
  app.use('/api/agents', require('./routes/agents')(deps));
  app.use(errorLogger);
  app.use(errorHandler());
  return app;
}

module.exports = { createApp };
