'use strict';

const Cart = require('../models/cart');

// DELETE /cart/items/:itemId
exports.removeItem = (req, res) => {
  Cart.updateOne({ user: req.user.id }, { $pull: { items: { _id: req.params.itemId } } })
    .then(() => res.sendStatus(204))
    .catch(() => res.sendStatus(500));
};
