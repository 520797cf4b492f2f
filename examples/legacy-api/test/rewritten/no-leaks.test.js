'use strict';

// What `err-codemod init` + `err-codemod apply --write` must give this app: every error answered by the generated
// handler as application/problem+json, with the right status, the author's message for 4xx, and nothing internal
// (SQL errors, stacks, provider answers, internal URLs). Run against the rewritten copy only: the legacy code fails
// most of these on purpose.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { start } = require('../harness');

let api;
let admin;
let jane;

before(async () => {
  api = await start();
  admin = await api.login('admin@example.com', 'admin1234');
  jane = await api.login('jane@example.com', 'password1');
});

after(() => api.close());

const INTERNAL = /stack|syntax error|duplicate key|relation "|request_log_url|dashboard\.payments|acct_internal|127\.0\.0\.1|\/v1\/charges|at .*\.js:\d+/i;

function assertProblem(res, status, detail) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(res.json.status, status);
  assert.ok(res.json.requestId, 'a request id');
  assert.equal(res.headers.get('x-request-id'), res.json.requestId);
  if (detail === undefined) assert.equal(res.json.detail, undefined, 'no detail for a 5xx');
  else assert.equal(res.json.detail, detail);
  assert.doesNotMatch(res.text, INTERNAL);
}

test('a database error behind a 400 shows neither the SQL error nor the stack', async () => {
  const res = await api.get('/api/admin/sql?q=DROP%20TABLE%20users', { token: admin });
  assert.equal(res.status, 400);
  assert.doesNotMatch(res.text, INTERNAL);
  assertProblem(res, 400, res.json.detail);
});

test('a declined card: 502, the provider\'s answer stays in the log', async () => {
  const order = await api.post('/api/orders', { items: [{ productId: 4 }] }, { token: jane });
  const res = await api.post('/api/payments', { orderId: order.json.data.id, source: 'tok_declined' }, { token: jane });
  assertProblem(res, 502);
});

test('a provider lookup that fails does not show the provider URL', async () => {
  assertProblem(await api.get('/api/payments/ch_missing', { token: jane }), 502);
  assertProblem(await api.post('/api/payments/ch_missing/refund', { amount_cents: 100 }, { token: admin }), 502);
});

test('the carrier does not choose our status any more', async () => {
  assertProblem(await api.get('/api/shipping/quote?zip=99999'), 502);
});

test('a failed import hides the database error', async () => {
  const res = await api.post('/api/admin/products/import', [{ sku: 'MUG-001', name: 'Mug again', price_cents: 100 }], { token: admin });
  assertProblem(res, 500);
});

test('client errors get a 4xx with the author\'s message', async () => {
  assertProblem(await api.post('/api/orders', { items: [] }, { token: jane }), 400, 'Items are required');
  assertProblem(await api.get('/api/products?q=m'), 400, 'Search term must be at least 2 characters');
  assertProblem(await api.get('/api/users/777', { token: admin }), 404, 'User not found');
  assertProblem(await api.get('/api/v1/coupons/check?code=NOPE'), 404, 'Coupon not found');
  assertProblem(await api.get('/api/reports/sales?from=2020-02-01&to=2020-01-01', { token: admin }), 400, 'Invalid date range');
});

test('registering an existing email is a conflict', async () => {
  assertProblem(await api.post('/api/auth/register', { email: 'jane@example.com', password: 'long enough' }), 409, 'Email already exists');
});

test('401 asks for credentials, 403 refuses an authenticated user', async () => {
  const anonymous = await api.get('/api/orders');
  assertProblem(anonymous, 401, 'No token provided');
  assert.ok(anonymous.headers.get('www-authenticate'));
  assertProblem(await api.get('/api/admin/stats', { token: jane }), 403, 'Admin access only');
});

test('a duplicate email on profile update leaks no database detail', async () => {
  const res = await api.put('/api/users/2', { email: 'admin@example.com', name: 'Jane' }, { token: jane });
  assert.ok(res.status >= 400);
  assert.doesNotMatch(res.text, /Key \(email\)/);
});
