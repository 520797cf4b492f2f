import Koa, { type Context, type ParameterizedContext } from 'koa';

const app = new Koa();

async function report(c: Context, error: Error) { // type: response koa c; error null error
  c.status = 500;
  c.body = { error: error.message };
}

app.use(async (ctx, next) => { // type: response koa ctx
  try {
    await next();
  } catch (thrown) {
    await report(ctx as Context, thrown as Error);
  }
});

app.use((state: ParameterizedContext<{ jobId: string }>) => { // type: response koa state
  state.body = { job: state.state.jobId };
});

export default app;
