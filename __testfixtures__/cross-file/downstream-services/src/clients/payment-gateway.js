'use strict';

const axios = require('axios');

// Thin wrapper around the payment gateway's REST API. Errors are not caught here on purpose:
// callers decide what to do with a declined card.
const gatewayClient = axios.create({
  baseURL: process.env.GATEWAY_URL || 'https://gateway.payments.example/api/v3',
  timeout: 10000,
  headers: { 'X-Api-Key': process.env.GATEWAY_API_KEY },
});

async function createCharge({ customer, amount, currency }) {
  const response = await gatewayClient.post('/charges', { customer, amount, currency, capture: true });
  return response.data;
}

async function refundCharge(chargeId, amount) {
  const { data } = await gatewayClient.post(`/charges/${chargeId}/refunds`, { amount });
  return data;
}

module.exports = { createCharge, refundCharge };
