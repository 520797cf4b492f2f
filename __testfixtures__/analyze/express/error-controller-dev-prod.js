// The error controller every tutorial copied: full details in development, vetted messages in production.
const AppError = require('../utils/appError');

const sendErrorDev = (err, res) => {
  res.status(err.statusCode).json({
    status: err.status,
    error: err,
    message: err.message,
    stack: err.stack,
  });
};

const sendErrorProd = (err, res) => {
  if (err.isOperational) {
    return res.status(err.statusCode).json({ status: err.status, message: 'Request failed' });
  }
  console.error('ERROR 💥', err);
  return res.status(500).json({ status: 'error', message: 'Something went wrong!' });
};

module.exports = (err, req, res, next) => {
  err.statusCode = err.statusCode || 500;
  err.status = err.status || 'error';

  if (process.env.NODE_ENV === 'development') {
    sendErrorDev(err, res);
  } else {
    sendErrorProd(err, res);
  }
};

module.exports.castError = (err) => new AppError(`Invalid ${err.path}: ${err.value}.`, 400);
