'use strict';

// TODO: wire up SES. Until then everything goes to the console.
exports.send = function send(to, subject, text) {
  if (process.env.NODE_ENV !== 'test') {
    console.log('[mail] to=' + to + ' subject="' + subject + '"\n' + text);
  }
  return Promise.resolve({ queued: true });
};
