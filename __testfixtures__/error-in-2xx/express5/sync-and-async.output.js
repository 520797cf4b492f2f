import express from 'express';
import { listCoupons, redeem } from '../services/coupons.js';
import { BadRequestError, NotFoundError } from '../errors/index.js';

const router = express.Router();

router.get('/coupons', (req, res) => {
  if (req.query.limit && Number.isNaN(Number(req.query.limit))) {
    throw new BadRequestError('limit must be a number');
  }
  res.json({ ok: true, coupons: listCoupons(Number(req.query.limit) || 20) });
});

router.post('/coupons/:code/redeem', async (req, res) => {
  const result = await redeem(req.params.code, req.user.id);
  if (!result) {
    throw new NotFoundError('Coupon not found');
  }
  res.json({ ok: true, discount: result.discount });
});

export default router;
