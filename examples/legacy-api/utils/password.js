'use strict';

// We used bcrypt until the native build broke on the CI box (node-gyp, again).
// scrypt is built into node; stored format is "salt:hash" in hex.
const crypto = require('crypto');

function hash(plain) {
  const salt = crypto.randomBytes(16).toString('hex');
  return new Promise((resolve, reject) => {
    crypto.scrypt(String(plain), salt, 64, (err, key) => (err ? reject(err) : resolve(salt + ':' + key.toString('hex'))));
  });
}

function hashSync(plain) {
  const salt = crypto.randomBytes(16).toString('hex');
  return salt + ':' + crypto.scryptSync(String(plain), salt, 64).toString('hex');
}

function verify(plain, stored) {
  const [salt, hex] = String(stored || '').split(':');
  if (!salt || !hex) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    crypto.scrypt(String(plain), salt, 64, (err, key) => {
      if (err) return reject(err);
      const expected = Buffer.from(hex, 'hex');
      resolve(expected.length === key.length && crypto.timingSafeEqual(expected, key));
    });
  });
}

module.exports = { hash, hashSync, verify };
