'use strict';

const Router = require('@koa/router');
const Shipment = require('../models/shipment');
const carrier = require('../services/carrier');
const { fail, ok } = require('../lib/respond');

const router = new Router({ prefix: '/shipments' });

router.get('/:id', async (ctx) => {
  const shipment = await Shipment.findById(ctx.params.id);
  if (!shipment) {
    return fail(ctx, 'Shipment not found', 404);
  }
  ok(ctx, shipment);
});

router.post('/', async (ctx) => {
  try {
    const shipment = await Shipment.create({ ...ctx.request.body, accountId: ctx.state.user.accountId });
    ok(ctx, shipment, 201);
  } catch (err) {
    if (err.name === 'ValidationError') {
      return fail(ctx, 'Some shipment fields are not valid', 422);
    }
    fail(ctx, err.message); // expect: leaked-exception
  }
});

router.post('/:id/label', async (ctx) => {
  const shipment = await Shipment.findById(ctx.params.id);
  if (!shipment) ctx.throw(404, 'Shipment not found');
  try {
    const label = await carrier.createLabel(shipment);
    await Shipment.updateOne({ _id: shipment.id }, { $set: label });
    ctx.body = label;
  } catch (err) {
    ctx.status = 500;
    ctx.body = err; // expect: leaked-exception, leaked-downstream
  }
});

router.post('/:id/cancel', async (ctx) => {
  const shipment = await Shipment.findById(ctx.params.id);
  if (!shipment) ctx.throw(404, 'Shipment not found');
  if (shipment.status === 'delivered') ctx.throw(409, 'Delivered shipments cannot be cancelled');
  await Shipment.updateOne({ _id: shipment.id }, { $set: { status: 'cancelled' } });
  ctx.status = 204;
});

module.exports = router;
