'use strict';

const db = require('./index');
const password = require('../utils/password');

// Local fixtures. Logins: admin@example.com / admin1234, jane@example.com / password1
function seed() {
  if (db.tables.users.length) return;

  db.load('users', [
    { email: 'admin@example.com', name: 'Shop Admin', role: 'admin', password_hash: password.hashSync('admin1234') },
    { email: 'jane@example.com', name: 'Jane Doe', role: 'customer', password_hash: password.hashSync('password1') },
    { email: 'support@example.com', name: 'Support Desk', role: 'support', password_hash: password.hashSync('support1') },
  ]);

  db.load('products', [
    { sku: 'MUG-001', name: 'Coffee mug', price_cents: 1200, stock: 40 },
    { sku: 'TEE-BLK-M', name: 'T-shirt black M', price_cents: 2500, stock: 12 },
    { sku: 'TEE-BLK-L', name: 'T-shirt black L', price_cents: 2500, stock: 0 },
    { sku: 'STICKER-5', name: 'Sticker pack', price_cents: 500, stock: 300 },
  ]);

  db.load('coupons', [
    { code: 'WELCOME10', percent_off: 10, expires_at: '2030-01-01T00:00:00.000Z' },
    { code: 'SUMMER19', percent_off: 20, expires_at: '2019-09-01T00:00:00.000Z' },
  ]);
}

module.exports = seed;
