'use strict';

const jwt = require('jsonwebtoken');
const config = require('../config');
const { UnauthenticatedError } = require('../errors');

// Protects every /api route. Mobile sends the token in a header, the web app in a cookie.
module.exports = function requireAuth(req, res, next) {
  const token = (req.headers.authorization || '').replace(/^Bearer /, '') || req.cookies.token;
  if (!token) {
    throw new UnauthenticatedError('No token provided');
  }
  jwt.verify(token, config.jwtSecret, (err, payload) => {
    if (err) {
      return next(new UnauthenticatedError('Invalid token', { cause: err }));
    }
    req.user = payload;
    next();
  });
};
