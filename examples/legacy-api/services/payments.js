'use strict';

// Thin wrapper around the payment provider's REST API. Retries happen on their side (supposedly).
const axios = require('axios');
const config = require('../config');

const client = axios.create({
  baseURL: config.paymentsUrl,
  timeout: 5000,
  headers: { Authorization: 'Bearer ' + config.paymentsKey },
});

exports.charge = async function charge(order, source) {
  const body = { amount: order.total_cents, currency: 'usd', source: source, metadata: { order_id: order.id } };
  const { data } = await client.post('/v1/charges', body);
  return data;
};

exports.refund = function refund(chargeId, amountCents) {
  return client.post('/v1/refunds', { charge: chargeId, amount: amountCents }).then((r) => r.data);
};

exports.getCharge = function getCharge(id) {
  return client.get('/v1/charges/' + encodeURIComponent(id)).then((r) => r.data);
};
