const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const logger = require('./lib/logger');
const routes = require('./routes');

const app = new Koa();

// Straight from the Koa wiki, in production for years
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.statusCode || err.status || 500;
    ctx.body = { // expect: leaked-exception
      message: err.message,
      code: err.code,
    };
    ctx.app.emit('error', err, ctx);
  }
});

app.use(async (ctx, next) => {
  const started = Date.now();
  await next();
  ctx.set('X-Response-Time', `${Date.now() - started}ms`);
});

app.use(bodyParser());
app.use(routes.routes());

app.on('error', (err, ctx) => {
  logger.error({ err, path: ctx && ctx.path }, 'request failed');
});

app.listen(process.env.PORT || 3000);
