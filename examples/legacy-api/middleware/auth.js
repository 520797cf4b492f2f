'use strict';

const tokens = require('../utils/token');

// "Authorization: Bearer <token>", or ?access_token= for the old dashboard
function getToken(req) {
  const header = req.headers.authorization || '';
  if (header.indexOf('Bearer ') === 0) return header.slice(7);
  return req.query.access_token || null;
}

function authenticate(req, res, next) {
  const token = getToken(req);
  if (!token) {
    return res.status(403).json({ message: 'No token provided' });
  }
  try {
    req.user = tokens.verify(token);
  } catch (e) {
    return res.status(401).json({ message: 'Invalid or expired token' });
  }
  next();
}

// mounted in front of the whole admin router
function requireAdmin(req, res, next) {
  if (req.user.role !== 'admin') {
    return res.status(401).json({ message: 'Admin access only' });
  }
  next();
}

// newer helper (2020), prefer this one in new code
function requireRole(role) {
  return function (req, res, next) {
    if (!req.user) {
      return res.status(401).json({ error: 'Authentication required' });
    }
    if (req.user.role !== role && req.user.role !== 'admin') {
      return res.status(403).json({ error: 'Insufficient permissions' });
    }
    next();
  };
}

module.exports = { authenticate, requireAdmin, requireRole };
