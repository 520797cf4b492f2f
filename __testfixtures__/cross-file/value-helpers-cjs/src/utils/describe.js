'use strict';

const util = require('util');

// Everything we know about an error, for the `detail` field of error responses.
// Added during the 2021 outage so that the mobile team could paste the details into tickets.
module.exports = function (err) {
  if (err instanceof Error) {
    return err.stack;
  }
  return util.inspect(err, { depth: 3 });
};
