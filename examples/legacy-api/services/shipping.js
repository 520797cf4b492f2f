'use strict';

// Carrier aggregator API (same sandbox as payments locally, port 4010).
const axios = require('axios');
const config = require('../config');

const BASE = config.shippingUrl;

function getQuote(query) {
  const params = { zip: query.zip, weight: query.weight || 1, service: query.service || 'ground' };
  return axios.get(BASE + '/rates', { params, timeout: 4000 }).then((r) => r.data);
}

function createShipment(order, address) {
  const body = { reference: 'order-' + order.id, address: address || order.address, parcels: [{ weight: 1 }] };
  return axios.post(BASE + '/shipments', body).then((r) => r.data);
}

// callback style because the old tracking widget was written against it
function track(trackingNumber, cb) {
  axios.get(BASE + '/tracking/' + encodeURIComponent(trackingNumber)).then((r) => cb(null, r.data), cb);
}

module.exports = { getQuote, createShipment, track };
