'use strict';

// Answers `{ ok: false, message }`; the message is whatever the caller passes.
function fail(ctx, message, status = 500) {
  ctx.status = status;
  ctx.body = { ok: false, message };
}

function ok(ctx, data, status = 200) {
  ctx.status = status;
  ctx.body = { ok: true, data };
}

module.exports = { fail, ok };
