'use strict';

const Newsletter = require('../models/newsletter');

// POST /newsletter/subscribe  { email }
// the marketing site shows `message` when success is false
exports.subscribe = function (req, res) {
  const email = (req.body.email || '').trim().toLowerCase();
  if (!email) {
    return res.send({ success: false, message: 'Email is required' });
  }
  Newsletter.findOne({ email: email }, function (err, existing) {
    if (err) {
      return res.send({ success: false, message: 'Subscription failed', error: err });
    }
    if (existing) {
      return res.send({ success: false, message: 'This email is already subscribed' });
    }
    Newsletter.create({ email: email }, function (createErr) {
      if (createErr) return res.send({ success: false, message: 'Subscription failed' });
      res.send({ success: true });
    });
  });
};
