'use strict';

// Shared error responder, introduced in the 2018 "cleanup" so routes stop
// hand-rolling their catch blocks. Errors can carry a .status (400, 404...).
// TODO: map known errors to friendlier messages (API-112)
function sendError(res, err) {
  console.error('[api]', err);
  res.status(err.status || 500).json({ error: err.message });
}

module.exports = sendError;
