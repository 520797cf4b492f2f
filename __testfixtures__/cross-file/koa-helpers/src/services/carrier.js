'use strict';

const axios = require('axios');

const carrierApi = axios.create({
  baseURL: process.env.CARRIER_URL || 'https://api.carrier.example/v2',
  auth: { username: process.env.CARRIER_USER, password: process.env.CARRIER_PASSWORD },
  timeout: 8000,
});

async function quote(parcel) {
  const { data } = await carrierApi.post('/rates', parcel);
  return data.rates;
}

async function createLabel(shipment) {
  const { data } = await carrierApi.post('/labels', {
    reference: shipment.id,
    from: shipment.origin,
    to: shipment.destination,
    parcels: shipment.parcels,
  });
  return { trackingNumber: data.tracking_number, labelUrl: data.label_url };
}

module.exports = { quote, createLabel };
