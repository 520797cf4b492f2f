'use strict';

// Behaviour the shop's clients rely on. These tests hold before and after `err-codemod apply`: the rewrite may change
// error statuses and bodies (that is its point), never what succeeds or which requests fail.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { start } = require('./harness');

let api;
let admin;
let jane;
let support;

before(async () => {
  api = await start();
  admin = await api.login('admin@example.com', 'admin1234');
  jane = await api.login('jane@example.com', 'password1');
  support = await api.login('support@example.com', 'support1');
});

after(() => api.close());

const failed = (res) => res.status >= 400;

test('health check', async () => {
  const res = await api.get('/health');
  assert.equal(res.status, 200);
  assert.equal(res.json.status, 'ok');
});

test('login: the right password gets a token, a wrong one does not', async () => {
  const ok = await api.post('/api/auth/login', { email: 'jane@example.com', password: 'password1' });
  assert.equal(ok.status, 200);
  assert.ok(ok.json.token);
  const wrong = await api.post('/api/auth/login', { email: 'jane@example.com', password: 'nope-nope' });
  assert.ok(failed(wrong));
  assert.equal(wrong.json && wrong.json.token, undefined);
});

test('register: a new account, then the same email is refused', async () => {
  const created = await api.post('/api/auth/register', { email: 'sam@example.com', name: 'Sam', password: 'correct horse' });
  assert.equal(created.status, 201);
  assert.equal(created.json.data.email, 'sam@example.com');
  const again = await api.post('/api/auth/register', { email: 'sam@example.com', name: 'Sam', password: 'correct horse' });
  assert.ok(failed(again));
  const invalid = await api.post('/api/auth/register', { email: 'not-an-email', password: 'short' });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.json.errors.length, 2);
});

test('catalogue: list, search, one product, unknown product', async () => {
  const all = await api.get('/api/products');
  assert.equal(all.status, 200);
  assert.equal(all.json.data.length, 4);
  const mugs = await api.get('/api/products?q=mug');
  assert.deepEqual(mugs.json.data.map((p) => p.sku), ['MUG-001']);
  const short = await api.get('/api/products?q=m');
  assert.ok(!(short.status === 200 && Array.isArray(short.json && short.json.data)), 'a one-letter search is refused');
  const one = await api.get('/api/products/1');
  assert.equal(one.json.data.sku, 'MUG-001');
  const missing = await api.get('/api/products/999');
  assert.equal(missing.status, 404);
});

test('authentication is required and roles are enforced', async () => {
  const anonymous = await api.get('/api/users/me');
  assert.ok(failed(anonymous) && anonymous.status < 500);
  const me = await api.get('/api/users/me', { token: jane });
  assert.equal(me.status, 200);
  assert.equal(me.json.data.email, 'jane@example.com');
  const customerOnAdmin = await api.get('/api/admin/stats', { token: jane });
  assert.ok(failed(customerOnAdmin) && customerOnAdmin.status < 500);
  const stats = await api.get('/api/admin/stats', { token: admin });
  assert.equal(stats.status, 200);
  const users = await api.get('/api/users', { token: support });
  assert.equal(users.status, 200);
});

test('orders: create, refuse an empty cart, refuse an out-of-stock item, cancel', async () => {
  const created = await api.post('/api/orders', { items: [{ productId: 1, quantity: 2 }] }, { token: jane });
  assert.equal(created.status, 201);
  assert.equal(created.json.data.total_cents, 2400);
  const empty = await api.post('/api/orders', { items: [] }, { token: jane });
  assert.ok(failed(empty));
  const soldOut = await api.post('/api/orders', { items: [{ productId: 3 }] }, { token: jane });
  assert.ok(!(soldOut.status === 201), 'no order for an item out of stock');
  assert.ok(!(soldOut.json && soldOut.json.success === true));
  const cancelled = await api.post(`/api/orders/${created.json.data.id}/cancel`, {}, { token: jane });
  assert.equal(cancelled.status, 200);
  const list = await api.get('/api/orders', { token: jane });
  assert.equal(list.json.data.find((o) => o.id === created.json.data.id).status, 'cancelled');
});

test('orders: an incomplete address is refused and nothing is saved', async () => {
  const created = await api.post('/api/orders', { items: [{ productId: 4 }] }, { token: jane });
  const res = await api.put(`/api/orders/${created.json.data.id}/address`, { line1: '1 Main St', city: 'Springfield' }, { token: jane });
  assert.ok(failed(res));
  const order = await api.get(`/api/orders/${created.json.data.id}`, { token: jane });
  assert.equal(order.json.data.address, undefined);
});

test('coupons (mobile v1 envelope): a valid code, an unknown one', async () => {
  const ok = await api.get('/api/v1/coupons/check?code=welcome10');
  assert.equal(ok.status, 200);
  assert.equal(ok.json.status, 1);
  assert.equal(ok.json.data.percent_off, 10);
  const unknown = await api.get('/api/v1/coupons/check?code=NOPE');
  assert.ok(!(unknown.status === 200 && unknown.json.status === 1), 'an unknown coupon is not accepted');
});

test('payments: a charge goes through, a declined card does not pay the order', async () => {
  const order = await api.post('/api/orders', { items: [{ productId: 4, quantity: 1 }] }, { token: jane });
  const paid = await api.post('/api/payments', { orderId: order.json.data.id, source: 'tok_visa' }, { token: jane });
  assert.equal(paid.status, 201);
  assert.equal(paid.json.data.status, 'succeeded');

  const second = await api.post('/api/orders', { items: [{ productId: 4, quantity: 1 }] }, { token: jane });
  const declined = await api.post('/api/payments', { orderId: second.json.data.id, source: 'tok_declined' }, { token: jane });
  assert.ok(failed(declined));
  const after = await api.get(`/api/orders/${second.json.data.id}`, { token: jane });
  assert.equal(after.json.data.status, 'pending');
});

test('payments: receipts come from the provider, a missing charge fails', async () => {
  const receipt = await api.get('/api/payments/ch_42/receipt', { token: jane });
  assert.equal(receipt.status, 200);
  assert.equal(receipt.json.data.receipt_url, 'https://pay.example/r/ch_42');
  const missing = await api.get('/api/payments/ch_missing', { token: jane });
  assert.ok(failed(missing));
});

test('shipping: a quote for a known zip, a failure for an unknown one', async () => {
  const quote = await api.get('/api/shipping/quote?zip=10001');
  assert.equal(quote.status, 200);
  assert.equal(quote.json.data.price_cents, 790);
  const unknown = await api.get('/api/shipping/quote?zip=99999');
  assert.ok(failed(unknown));
  const noZip = await api.get('/api/shipping/quote');
  assert.equal(noZip.status, 400);
});

test('admin: role changes are limited to the owner account, bad SQL fails', async () => {
  const byOwner = await api.request('PUT', '/api/admin/users/2/role', { json: { role: 'support' }, token: admin });
  assert.equal(byOwner.status, 200);
  assert.equal(byOwner.json.data.role, 'support');
  const badSql = await api.get('/api/admin/sql?q=DROP%20TABLE%20users', { token: admin });
  assert.ok(failed(badSql));
  const users = await api.get('/api/admin/sql?q=SELECT%20*%20FROM%20users', { token: admin });
  assert.equal(users.status, 200);
});

test('unknown routes answer 404', async () => {
  const res = await api.get('/api/nothing-here');
  assert.equal(res.status, 404);
});
