'use strict';

const nodemailer = require('nodemailer');

const transporter = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT) || 587,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});

const TEMPLATES = {
  welcome: { subject: 'Welcome to Members', text: 'Thanks for signing up!' },
  reset: { subject: 'Reset your password', text: 'Follow the link in this email to choose a new password.' },
};

async function send(template, to) {
  const { subject, text } = TEMPLATES[template];
  return transporter.sendMail({ from: 'no-reply@members.example.com', to, subject, text });
}

// Not the same thing as utils/errors#getErrorMessage: this one only ever returns our own sentences.
function getErrorMessage(err) {
  switch (err.responseCode) {
    case 550:
      return 'That mailbox does not accept mail. Please check the address.';
    case 421:
    case 450:
      return 'The mail server is busy. We will retry shortly.';
    default:
      return 'We could not send the email right now.';
  }
}

module.exports = { send, getErrorMessage };
