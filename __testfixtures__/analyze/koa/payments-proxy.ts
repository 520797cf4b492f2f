import Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import axios, { AxiosError } from 'axios';
import { config } from '../config';

const router = new Router({ prefix: '/payments' });

function sendUpstreamError(ctx: ParameterizedContext, error: AxiosError): void {
  ctx.status = 502;
  ctx.body = { message: 'Payment provider error', details: error.response?.data }; // expect: leaked-downstream
}

router.post('/charges', async (ctx) => {
  try {
    const { data } = await axios.post(`${config.paymentsUrl}/v1/charges`, ctx.request.body, {
      headers: { Authorization: `Bearer ${config.paymentsKey}` },
    });
    ctx.status = 201;
    ctx.body = data;
  } catch (err) {
    sendUpstreamError(ctx, err as AxiosError);
  }
});

router.get('/charges/:id', async (ctx) => {
  try {
    const { data } = await axios.get(`${config.paymentsUrl}/v1/charges/${ctx.params.id}`);
    ctx.body = data;
  } catch (err: any) {
    ctx.status = err.response ? err.response.status : 502;
    ctx.body = err.response ? err.response.data : { error: 'Upstream unavailable' }; // expect: leaked-downstream
  }
});

router.post('/refunds', async (ctx) => {
  try {
    const { data } = await axios.post(`${config.paymentsUrl}/v1/refunds`, ctx.request.body);
    ctx.body = data;
  } catch (err: any) {
    ctx.status = 502;
    ctx.body = { // expect: leaked-exception, leaked-downstream
      error: err.message,
      url: err.config && err.config.url,
    };
  }
});

router.get('/balance', async (ctx) => {
  try {
    const { data } = await axios.get(`${config.paymentsUrl}/v1/balance`);
    ctx.body = { available: data.available, currency: data.currency };
  } catch (err) {
    ctx.status = 502;
    ctx.body = { error: 'Payment provider unavailable' };
    ctx.app.emit('error', err, ctx);
  }
});

export default router;
