'use strict';

const Newsletter = require('../models/newsletter');
const { BadRequestError, InternalError } = require('../errors');

// POST /newsletter/subscribe  { email }
// the marketing site shows `message` when success is false
exports.subscribe = function (req, res, next) {
  const email = (req.body.email || '').trim().toLowerCase();
  if (!email) {
    throw new BadRequestError('Email is required');
  }
  Newsletter.findOne({ email: email }, function (err, existing) {
    if (err) {
      return next(new InternalError(undefined, { cause: err }));
    }
    if (existing) {
      return next(new BadRequestError('This email is already subscribed'));
    }
    Newsletter.create({ email: email }, function (createErr) {
      if (createErr) return next(new InternalError('Subscription failed', { cause: createErr }));
      res.send({ success: true });
    });
  });
};
