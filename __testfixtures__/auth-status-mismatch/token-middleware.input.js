'use strict';

const jwt = require('jsonwebtoken');
const config = require('../config');

// Protects every /api route. Mobile sends the token in a header, the web app in a cookie.
module.exports = function requireAuth(req, res, next) {
  const token = (req.headers.authorization || '').replace(/^Bearer /, '') || req.cookies.token;
  if (!token) {
    return res.status(403).json({ error: 'No token provided' });
  }
  jwt.verify(token, config.jwtSecret, (err, payload) => {
    if (err) {
      return res.status(403).json({ error: 'Invalid token' });
    }
    req.user = payload;
    next();
  });
};
