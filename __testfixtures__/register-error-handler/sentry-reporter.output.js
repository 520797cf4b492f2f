const express = require('express');
const Sentry = require('@sentry/node');
const routes = require('./routes');
const { errorHandler } = require('./src/errors');

const app = express();

Sentry.init({ dsn: process.env.SENTRY_DSN });
app.use(Sentry.Handlers.requestHandler());

routes(app);

// must come after all controllers and before any other error middleware
app.use(Sentry.Handlers.errorHandler());
app.use(errorHandler());

app.use(function onError(err, req, res, next) {
  res.statusCode = 500;
  res.end(res.sentry + '\n');
});

app.listen(process.env.PORT || 8080);
