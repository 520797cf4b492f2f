import Koa, { Context, Next } from 'koa';
import Router from '@koa/router';
import { logger } from './lib/logger';

const app = new Koa();
const router = new Router();

async function errorHandler(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (err: any) {
    ctx.status = err.status || 500;
    // http-errors only exposes client errors: the message is vetted
    ctx.body = { error: err.expose ? err.message : 'Internal Server Error', requestId: ctx.state.requestId };
    ctx.app.emit('error', err, ctx);
  }
}

async function legacyErrors(ctx: Context, next: Next): Promise<void> {
  await next().catch((err: any) => {
    ctx.status = 500;
    ctx.body = { error: String(err) }; // expect: leaked-exception
  });
}

router.get('/health', async (ctx: Context) => {
  ctx.body = { ok: true };
});

router.get('/reports/:id', async (ctx: Context) => {
  try {
    ctx.body = await loadReport(ctx.params.id);
  } catch (err) {
    logger.error(err);
    ctx.status = 500; // expect: bare-500
  }
});

app.use(errorHandler);
app.use(legacyErrors);
app.use(router.routes());
app.on('error', (err: Error) => logger.error(err));

declare function loadReport(id: string): Promise<unknown>;

export default app;
