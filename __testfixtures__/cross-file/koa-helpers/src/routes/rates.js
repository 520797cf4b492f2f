'use strict';

const Router = require('@koa/router');
const carrier = require('../services/carrier');
const { errorPayload, describeError } = require('../lib/errors');
const cache = require('../lib/cache');

const router = new Router({ prefix: '/rates' });

router.post('/', async (ctx) => {
  const parcel = ctx.request.body;
  if (!parcel || !parcel.weightGrams) {
    ctx.throw(400, 'weightGrams is required');
  }
  try {
    ctx.body = await carrier.quote(parcel);
  } catch (err) {
    ctx.status = 502;
    ctx.body = errorPayload(err); // expect: leaked-exception, leaked-downstream
  }
});

// Cached rates for the checkout page; never fails the page, the frontend shows `message` when rates is empty.
router.get('/cached/:zone', async (ctx) => {
  try {
    ctx.body = { rates: await cache.get(`rates:${ctx.params.zone}`) };
  } catch (err) {
    ctx.body = { rates: [], message: describeError(err) }; // expect: leaked-exception, error-in-2xx
  }
});

module.exports = router;
