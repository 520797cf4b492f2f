'use strict';

// Starts the app on a free port, with the payment provider and the carrier API faked by one local server.
// Usage: const api = await start(); await api.get('/health'); ...; await api.close();
const http = require('http');

const DECLINE = {
  error: {
    type: 'card_error',
    code: 'card_declined',
    message: 'Your card was declined.',
    request_log_url: 'https://dashboard.payments.example/acct_1Kx9internal/logs/req_8f2',
  },
};

function fakeProvider(req, res) {
  let raw = '';
  req.on('data', (c) => { raw += c; });
  req.on('end', () => {
    const body = raw ? JSON.parse(raw) : {};
    const send = (status, json) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const url = new URL(req.url, 'http://provider');
    if (req.method === 'POST' && url.pathname === '/v1/charges') {
      if (body.source === 'tok_declined') return send(402, DECLINE);
      return send(200, { id: 'ch_' + body.metadata.order_id, status: 'succeeded', amount: body.amount });
    }
    if (req.method === 'GET' && url.pathname.startsWith('/v1/charges/')) {
      const id = decodeURIComponent(url.pathname.slice('/v1/charges/'.length));
      if (id === 'ch_missing') return send(404, { error: { message: 'No such charge: ch_missing', request_log_url: DECLINE.error.request_log_url } });
      return send(200, { id, amount: 1200, status: 'succeeded', receipt_url: 'https://pay.example/r/' + id });
    }
    if (req.method === 'POST' && url.pathname === '/v1/refunds') {
      if (body.charge === 'ch_missing') return send(400, { error: { message: 'No such charge: ch_missing', param: 'charge' } });
      return send(200, { id: 're_1', charge: body.charge });
    }
    if (req.method === 'GET' && url.pathname === '/rates') {
      if (url.searchParams.get('zip') === '99999') return send(422, { error: 'unknown zip', carrier_account: 'acct_internal_778' });
      return send(200, { carrier: 'ups', price_cents: 790 });
    }
    if (req.method === 'POST' && url.pathname === '/shipments') return send(201, { tracking_number: '1Z999' });
    if (req.method === 'GET' && url.pathname.startsWith('/tracking/')) return send(200, { status: 'in_transit' });
    send(404, { error: 'no route in the fake provider' });
  });
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

// The app logs every failure (the legacy code with console.error, the generated handler through its logger):
// keep the test output readable unless LEGACY_API_LOGS=1.
function quiet() {
  if (process.env.LEGACY_API_LOGS) return;
  for (const method of ['log', 'info', 'warn', 'error', 'debug']) console[method] = () => {};
}

async function start() {
  quiet();
  const provider = http.createServer(fakeProvider);
  const providerPort = await listen(provider);
  process.env.NODE_ENV = 'test';
  process.env.PAYMENTS_API_URL = 'http://127.0.0.1:' + providerPort;
  process.env.SHIPPING_API_URL = 'http://127.0.0.1:' + providerPort;
  const app = require('../app');
  const server = http.createServer(app);
  const port = await listen(server);
  const base = 'http://127.0.0.1:' + port;

  async function request(method, path, options = {}) {
    const headers = Object.assign({}, options.headers);
    if (options.token) headers.authorization = 'Bearer ' + options.token;
    let body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const res = await fetch(base + path, { method, headers, body });
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  async function login(email, password) {
    const res = await request('POST', '/api/auth/login', { json: { email, password } });
    if (res.status !== 200) throw new Error('login failed for ' + email + ': ' + res.status + ' ' + res.text);
    return res.json.token;
  }

  return {
    request,
    login,
    get: (path, options) => request('GET', path, options),
    post: (path, json, options) => request('POST', path, Object.assign({ json }, options)),
    put: (path, json, options) => request('PUT', path, Object.assign({ json }, options)),
    close: () => Promise.all([new Promise((r) => server.close(r)), new Promise((r) => provider.close(r))]),
  };
}

module.exports = { start };
