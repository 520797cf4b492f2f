'use strict';

const Cart = require('../models/cart');
const { InternalError } = require('../errors');

// DELETE /cart/items/:itemId
exports.removeItem = (req, res, next) => {
  Cart.updateOne({ user: req.user.id }, { $pull: { items: { _id: req.params.itemId } } })
    .then(() => res.sendStatus(204))
    .catch((err) => next(new InternalError(undefined, { cause: err })));
};
