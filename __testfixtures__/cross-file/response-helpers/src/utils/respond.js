/**
 * Response helpers. Every handler answers through these so that the mobile app always gets
 * `{ success, data }` or `{ success, message }`.
 */

const sendSuccess = (res, data, status = 200) => res.status(status).json({ success: true, data });

// Sends exactly what it is given: what goes out depends on the caller.
const sendError = (res, message, status = 500) => res.status(status).json({ success: false, message });

// Catch-all for unexpected errors.
function handleError(res, err) {
  console.error('[api]', err);
  res.status(err.statusCode || 500).json({ success: false, message: err.message }); // expect: leaked-exception
}

// Wraps async route handlers so that a rejected promise does not hang the request.
const asyncHandler = (fn) => (req, res, next) => {
  Promise.resolve(fn(req, res, next)).catch((err) => handleError(res, err));
};

const notFound = (req, res) => sendError(res, `Cannot ${req.method} ${req.originalUrl}`, 404);

module.exports = { sendSuccess, sendError, handleError, asyncHandler, notFound };
