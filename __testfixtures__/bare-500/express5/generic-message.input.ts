import { Router } from 'express';
import { prisma } from '../db.js';

export const ordersRouter = Router();

ordersRouter.get('/orders', async (req, res) => {
  try {
    const orders = await prisma.order.findMany({ where: { userId: req.user.id }, orderBy: { createdAt: 'desc' } });
    res.json(orders);
  } catch (error) {
    console.error('[orders] list failed', error);
    res.status(500).json({ error: 'Internal server error' });
  }
});
