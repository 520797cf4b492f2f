// Not under pages/api and no import of Next: the project's package.json says what it is.
import { getCart, addItem } from './db';

export async function cartHandler(req, res) {
  const cart = await getCart(req.cookies.cartId);
  if (!cart) {
    return res.json({ ok: false, error: 'Cart not found' }); // expect: error-in-2xx
  }
  try {
    const updated = await addItem(cart.id, req.body);
    res.status(200).json(updated);
  } catch (e) {
    res.status(500).send(`Could not add the item: ${e}`); // expect: leaked-exception
  }
}
