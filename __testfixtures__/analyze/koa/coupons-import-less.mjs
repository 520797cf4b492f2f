// Controllers wired up in routes.js; this file imports no framework.
import { Coupon } from '../models/coupon.mjs';

export const create = async (ctx) => {
  const { code, percentOff } = ctx.request.body;
  if (!code) {
    ctx.body = { ok: false, error: 'Coupon code is required' }; // expect: error-in-2xx
    return;
  }
  if (percentOff > 100) {
    ctx.status = 500;
    ctx.body = { error: 'percentOff must be 100 or less' }; // expect: client-error-as-500
    return;
  }
  ctx.assert(percentOff > 0, 400, 'percentOff must be positive');
  ctx.status = 201;
  ctx.body = await Coupon.create({ code, percentOff });
};

export const redeem = async (ctx, next) => {
  const coupon = await Coupon.findOne({ code: ctx.params.code });
  if (!coupon) {
    ctx.status = 404;
    ctx.body = { error: 'Unknown coupon' };
    return;
  }
  if (coupon.redeemedAt) {
    ctx.body = 'Invalid coupon: already redeemed'; // expect: error-in-2xx
    return;
  }
  await coupon.redeem(ctx.state.user.id);
  ctx.status = 204;
  await next();
};

export const remove = async (ctx) => {
  try {
    await Coupon.deleteOne({ code: ctx.params.code });
    ctx.status = 204;
  } catch (e) {
    ctx.status = 500;
    ctx.message = e.message; // expect: leaked-exception
  }
};
