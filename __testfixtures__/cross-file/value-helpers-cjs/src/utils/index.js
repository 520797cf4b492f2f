'use strict';

// Barrel: routes do `require('../utils')` instead of reaching into the individual files.
const errors = require('./errors');
const describe = require('./describe');

function paginate(query) {
  const limit = Math.min(Number(query.limit) || 25, 100);
  const offset = Math.max(Number(query.offset) || 0, 0);
  return { limit, offset };
}

module.exports = {
  getErrorMessage: errors.getErrorMessage,
  upstreamDetails: errors.upstreamDetails,
  friendlyMessage: errors.friendlyMessage,
  logError: errors.logError,
  describe,
  paginate,
};
