import { Router } from 'express';
import { findCart, checkout } from '../services/cart.js';

export const cartRouter = Router();

cartRouter.post('/cart/checkout', async (req, res) => {
  const cart = await findCart(req.session.cartId);
  try {
    const order = await checkout(cart, req.body.paymentMethodId);
    res.status(201).json({ orderId: order.id });
  } catch (err) {
    res.status(500).json({ error: `Checkout failed: ${err.message}` });
  }
});
