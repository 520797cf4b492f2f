'use strict';

// Everything comes from env in prod (see the ansible repo). Defaults are for local dev.
module.exports = {
  port: Number(process.env.PORT) || 3000,
  tokenSecret: process.env.TOKEN_SECRET || 'dev-secret-change-me',
  tokenTtlSeconds: 60 * 60 * 8, // 8h, support complained that 1h was too short
  paymentsUrl: process.env.PAYMENTS_API_URL || 'http://127.0.0.1:4010',
  paymentsKey: process.env.PAYMENTS_API_KEY || 'sk_test_local',
  shippingUrl: process.env.SHIPPING_API_URL || 'http://127.0.0.1:4010',
  ownerUserId: 1,
};
