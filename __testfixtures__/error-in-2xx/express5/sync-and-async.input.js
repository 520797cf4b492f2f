import express from 'express';
import { listCoupons, redeem } from '../services/coupons.js';

const router = express.Router();

router.get('/coupons', (req, res) => {
  if (req.query.limit && Number.isNaN(Number(req.query.limit))) {
    return res.json({ ok: false, error: 'limit must be a number' });
  }
  res.json({ ok: true, coupons: listCoupons(Number(req.query.limit) || 20) });
});

router.post('/coupons/:code/redeem', async (req, res) => {
  const result = await redeem(req.params.code, req.user.id);
  if (!result) {
    res.json({ ok: false, error: 'Coupon not found' });
    return;
  }
  res.json({ ok: true, discount: result.discount });
});

export default router;
