'use strict';

const express = require('express');
const db = require('../db');
const password = require('../utils/password');
const tokens = require('../utils/token');
const mailer = require('../services/mailer');

const router = express.Router();

function publicUser(u) {
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

// POST /api/auth/register
router.post('/register', async (req, res) => {
  const { email, name } = req.body;
  const errors = [];
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    errors.push({ field: 'email', message: 'A valid email address is required' });
  }
  if (!req.body.password || String(req.body.password).length < 8) {
    errors.push({ field: 'password', message: 'Password must be at least 8 characters' });
  }
  if (errors.length) {
    return res.status(400).json({ errors });
  }

  try {
    const hash = await password.hash(req.body.password);
    const { rows } = await db.query(
      'INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING *',
      [email.toLowerCase(), name || null, hash, 'customer']
    );
    res.status(201).json({ data: publicUser(rows[0]) });
  } catch (err) {
    if (err.code === '23505') {
      return res.status(500).json({ error: 'Email already exists' });
    }
    res.status(500).json({ error: err.message });
  }
});

// POST /api/auth/login
router.post('/login', async (req, res, next) => {
  const email = String(req.body.email || '').trim().toLowerCase();
  if (!email || !req.body.password) {
    return res.status(400).json({ error: 'Email and password are required' });
  }
  try {
    const { rows } = await db.query('SELECT * FROM users WHERE email = $1', [email]);
    const user = rows[0];
    if (!user) {
      return res.status(404).json({ error: 'User not found' });
    }
    const ok = await password.verify(req.body.password, user.password_hash);
    if (!ok) {
      return res.status(401).json({ error: 'Wrong password' });
    }
    const token = tokens.sign({ sub: user.id, role: user.role, email: user.email });
    res.json({ token: token, user: publicUser(user) });
  } catch (err) {
    next(err);
  }
});

// POST /api/auth/forgot-password
// callback style, this file predates async/await on the prod node version
router.post('/forgot-password', function (req, res, next) {
  const email = String(req.body.email || '').trim().toLowerCase();
  db.query('SELECT * FROM users WHERE email = $1', [email], function (err, result) {
    if (err) return next(err);
    const user = result.rows[0];
    if (!user) {
      return res.status(400).json({ error: 'No account with that email' });
    }
    const resetToken = tokens.randomToken();
    const expires = Date.now() + 60 * 60 * 1000;
    db.query('UPDATE users SET reset_token = $1, reset_expires = $2 WHERE id = $3', [resetToken, expires, user.id], function (err) {
      if (err) return next(err);
      mailer.send(user.email, 'Reset your password', 'https://shop.example.com/reset?token=' + resetToken);
      res.json({ success: true, message: 'Check your inbox for a reset link' });
    });
  });
});

// POST /api/auth/reset-password  { token, newPassword }
router.post('/reset-password', async function (req, res, next) {
  const { token, newPassword } = req.body;
  if (!token || !newPassword || String(newPassword).length < 8) {
    return res.status(400).json({ error: 'A reset token and a new password of at least 8 characters are required' });
  }
  try {
    const { rows } = await db.query('SELECT * FROM users WHERE reset_token = $1', [token]);
    const user = rows[0];
    if (!user || user.reset_expires < Date.now()) {
      return res.status(400).json({ error: 'This reset link is invalid or has expired' });
    }
    const hash = await password.hash(newPassword);
    await db.query('UPDATE users SET password_hash = $1, reset_token = $2 WHERE id = $3', [hash, null, user.id]);
    res.json({ success: true });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
