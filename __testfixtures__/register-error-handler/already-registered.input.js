'use strict';

const express = require('express');
const { errorHandler, notFoundHandler } = require('./src/errors');

const app = express();
app.use(express.json());
app.use('/api', require('./routes'));
app.use(notFoundHandler());
app.use(errorHandler({ logger: console }));

module.exports = app;
