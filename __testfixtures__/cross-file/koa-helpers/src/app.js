'use strict';

const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const { safeMessage } = require('./lib/errors');
const rates = require('./routes/rates');
const shipments = require('./routes/shipments');

const app = new Koa();

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = { error: safeMessage(err) };
    ctx.app.emit('error', err, ctx);
  }
});

app.use(bodyParser());
app.use(rates.routes()).use(rates.allowedMethods());
app.use(shipments.routes()).use(shipments.allowedMethods());

app.on('error', (err, ctx) => {
  console.error(`[${ctx && ctx.method} ${ctx && ctx.path}]`, err);
});

app.listen(process.env.PORT || 3000);
