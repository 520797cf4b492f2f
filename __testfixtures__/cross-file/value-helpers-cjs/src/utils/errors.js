'use strict';

/**
 * Error helpers shared by the route handlers.
 * Written for the v1 API; newer handlers call next(err) and let the error middleware in app.js answer.
 */

const FRIENDLY_MESSAGES = {
  ECONNREFUSED: 'A service we depend on is not reachable right now. Please try again in a few minutes.',
  ETIMEDOUT: 'The request took too long to complete. Please try again.',
  ER_LOCK_WAIT_TIMEOUT: 'This record is being updated by someone else. Please retry.',
  LIMIT_FILE_SIZE: 'The uploaded file is larger than 5 MB.',
};

/** Human-readable text of anything that was thrown (used for logs and, historically, API responses). */
exports.getErrorMessage = function (err) {
  if (!err) return 'Unknown error';
  const message = (err && err.message) || String(err);
  return message;
};

/** What the CRM answered, so that support can see why a sync failed. */
exports.upstreamDetails = function (error) {
  if (!error.response) {
    return { reason: error.code || 'NETWORK_ERROR' };
  }
  return {
    status: error.response.status,
    url: error.config && error.config.url,
    body: error.response.data,
  };
};

/** A message we are happy to show to end users: only sentences written here, keyed by the error code. */
exports.friendlyMessage = function (err) {
  return FRIENDLY_MESSAGES[err.code] || 'We could not complete your request. Please try again later.';
};

exports.logError = function (req, err) {
  console.error(`[${new Date().toISOString()}] ${req.method} ${req.originalUrl}`, err.stack || err);
};
