'use strict';

// POST /contact  { name, email, message }
module.exports = function contact(req, res) {
  var body = req.body || {};
  if (!body.email || body.email.indexOf('@') === -1) {
    res.status(500).send('A valid email is required');
    return;
  }
  if (!body.message) {
    return res.status(500).send('Message is required');
  }
  require('../lib/mailer').send('support@example.com', 'Contact form', body.message);
  res.send('Thanks!');
};
