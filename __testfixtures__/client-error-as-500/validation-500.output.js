'use strict';
var { BadRequestError } = require('../errors');

// POST /contact  { name, email, message }
module.exports = function contact(req, res) {
  var body = req.body || {};
  if (!body.email || body.email.indexOf('@') === -1) {
    throw new BadRequestError('A valid email is required');
  }
  if (!body.message) {
    throw new BadRequestError('Message is required');
  }
  require('../lib/mailer').send('support@example.com', 'Contact form', body.message);
  res.send('Thanks!');
};
