'use strict';

// Errors coming back from the payment / shipping providers (axios).
// Added after the Black Friday incident so support can see what the provider said.
module.exports = function upstreamErrors(err, req, res, next) {
  if (!err || !err.isAxiosError) {
    return next(err);
  }
  if (!err.response) {
    // timeout or connection refused, nothing useful to pass on
    console.error('upstream unreachable', err.code);
    return res.status(502).json({ error: 'Upstream service unavailable' });
  }
  res.status(502).json({
    error: 'Upstream service error',
    upstream: {
      status: err.response.status,
      body: err.response.data,
    },
  });
};
