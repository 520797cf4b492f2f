import type { Context } from 'koa';
import { OrderRepository } from '../repositories/order-repository';
import { PaymentsClient } from '../clients/payments-client';

const orders = new OrderRepository();
const payments = new PaymentsClient();

export async function show(ctx: Context): Promise<void> {
  const order = await orders.findById(ctx.params.id);
  if (!order) {
    ctx.body = { error: 'Order not found' }; // expect: client-error-as-500
    ctx.status = 500;
    return;
  }
  ctx.body = order;
}

export async function list(ctx: Context): Promise<void> {
  try {
    ctx.body = await orders.list({ page: Number(ctx.query.page ?? 1) });
  } catch (err) {
    console.error('orders.list', err);
    ctx.throw(500); // expect: bare-500
  }
}

export async function cancel(ctx: Context): Promise<void> {
  try {
    await orders.cancel(ctx.params.id, ctx.state.user.id);
    ctx.status = 204;
  } catch (err) {
    // the error travels on: logged by the error middleware
    ctx.throw(500, err as Error);
  }
}

export async function update(ctx: Context): Promise<void> {
  try {
    ctx.body = await orders.update(ctx.params.id, ctx.request.body);
  } catch (err: any) {
    ctx.throw(400, err.message); // expect: leaked-exception
  }
}

export async function pay(ctx: Context): Promise<void> {
  const order = await orders.findById(ctx.params.id);
  ctx.assert(order, 404, 'Order not found');
  try {
    ctx.body = await payments.charge(order.id, order.totalCents);
  } catch (err: any) {
    // 5xx: http-errors keeps the message out of the response
    ctx.throw(502, `Payment provider failed: ${err.message}`);
  }
}

export async function refund(ctx: Context): Promise<void> {
  try {
    ctx.body = await payments.refund(ctx.params.id);
  } catch (err: any) {
    ctx.status = 500;
    ctx.body = 'Something went wrong'; // expect: bare-500
  }
}

export async function exportCsv(ctx: Context): Promise<void> {
  try {
    ctx.set('Content-Type', 'text/csv');
    ctx.body = await orders.exportCsv();
  } catch (err: any) {
    ctx.set('X-Export-Error', err.message); // expect: leaked-exception
    ctx.status = 503;
  }
}
