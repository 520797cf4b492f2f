'use strict';

/**
 * What the client sees when a request fails.
 * `expose` is set by http-errors (ctx.throw) on 4xx errors only, so their messages are ours.
 */
function safeMessage(err) {
  return err.expose ? err.message : 'Internal Server Error';
}

/** Detailed payload for the ops dashboard: includes what the carrier answered. */
function errorPayload(err) {
  const payload = { message: err.message };
  if (err.response) {
    payload.carrierStatus = err.response.status;
    payload.carrierResponse = err.response.data;
  }
  return payload;
}

function describeError(err) {
  return err && err.stack ? err.stack : err.toString();
}

module.exports = { safeMessage, errorPayload, describeError };
