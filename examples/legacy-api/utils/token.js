'use strict';

// Minimal signed tokens: base64url(payload).hmac. Not a JWT, but the mobile app
// never noticed. TODO: switch to jsonwebtoken.
const crypto = require('crypto');
const config = require('../config');

const signature = (body) => crypto.createHmac('sha256', config.tokenSecret).update(body).digest('base64url');

function sign(payload) {
  const exp = Math.floor(Date.now() / 1000) + config.tokenTtlSeconds;
  const body = Buffer.from(JSON.stringify(Object.assign({}, payload, { exp }))).toString('base64url');
  return body + '.' + signature(body);
}

function verify(token) {
  const [body, sig] = String(token).split('.');
  const expected = Buffer.from(signature(body || ''));
  if (!sig || expected.length !== Buffer.byteLength(sig) || !crypto.timingSafeEqual(expected, Buffer.from(sig))) {
    throw new Error('Bad token signature');
  }
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  if (payload.exp < Date.now() / 1000) throw new Error('Token expired');
  return payload;
}

const randomToken = () => crypto.randomBytes(24).toString('hex');

module.exports = { sign, verify, randomToken };
