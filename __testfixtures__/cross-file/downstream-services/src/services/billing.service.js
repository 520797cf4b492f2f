'use strict';

const paymentGateway = require('../clients/payment-gateway');
const logger = require('pino')();

const PLAN_PRICES = { starter: 900, team: 4900, enterprise: 19900 };

/**
 * Charges the customer for a plan. Two calls deep: this module -> clients/payment-gateway -> axios.
 */
async function chargeForPlan(customer, plan) {
  const amount = PLAN_PRICES[plan];
  if (!amount) throw new Error(`Unknown plan ${plan}`);
  try {
    return await paymentGateway.createCharge({ customer: customer.gatewayId, amount, currency: 'eur' });
  } catch (err) {
    logger.error({ err, customerId: customer.id, plan }, 'charge failed');
    throw err;
  }
}

async function refund(chargeId, amount) {
  return paymentGateway.refundCharge(chargeId, amount);
}

module.exports = { chargeForPlan, refund, PLAN_PRICES };
