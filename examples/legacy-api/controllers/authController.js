'use strict';

const db = require('../db');
const password = require('../utils/password');
const tokens = require('../utils/token');

// POST /api/v1/login
exports.login = function (req, res, next) {
  const email = String(req.body.email || '').toLowerCase();
  db.query('SELECT * FROM users WHERE email = $1', [email])
    .then(function (result) {
      const user = result.rows[0];
      if (!user) {
        return res.status(401).json({ status: 0, msg: 'Email not registered' });
      }
      return password.verify(req.body.password || '', user.password_hash).then(function (ok) {
        if (!ok) {
          return res.status(401).json({ status: 0, msg: 'Incorrect password' });
        }
        res.json({
          status: 1,
          msg: 'ok',
          data: { token: tokens.sign({ sub: user.id, role: user.role, email: user.email }), name: user.name },
        });
      });
    })
    .catch(next);
};

// GET /api/v1/me
exports.me = function (req, res, next) {
  db.query('SELECT * FROM users WHERE id = $1', [req.user.sub], function (err, result) {
    if (err) return next(err);
    const user = result.rows[0];
    if (!user) {
      return res.status(404).json({ status: 0, msg: 'Account not found' });
    }
    res.json({ status: 1, msg: 'ok', data: { id: user.id, name: user.name, email: user.email } });
  });
};
