'use strict';

const express = require('express');
const { errorLogger } = require('./middleware/logging');

function createApp(deps) {
  const app = express();
  app.use(express.json());
  app.use('/api/tickets', require('./routes/tickets')(deps));
  app.use('/api/agents', require('./routes/agents')(deps));
  app.use(errorLogger);
  return app;
}

module.exports = { createApp };
