'use strict';

const express = require('express');
const db = require('../db');
const sendError = require('../utils/sendError');
const { requireRole } = require('../middleware/auth');

const router = express.Router();

// copy of the one in routes/auth.js, TODO move to a shared serializer
function publicUser(u) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, avatar_url: u.avatar_url || null };
}

// GET /api/users  (support + admin)
router.get('/', requireRole('support'), async (req, res, next) => {
  try {
    const { rows } = await db.query('SELECT * FROM users ORDER BY id');
    res.json({ data: rows.map(publicUser), total: rows.length });
  } catch (err) {
    next(err);
  }
});

// GET /api/users/me
router.get('/me', (req, res, next) => {
  db.query('SELECT * FROM users WHERE id = $1', [req.user.sub])
    .then((result) => {
      if (!result.rows.length) {
        return res.status(404).json({ error: 'User not found' });
      }
      // the dashboard checks `error` before reading `data`
      res.json({ data: publicUser(result.rows[0]), error: null });
    })
    .catch(next);
});

// GET /api/users/:id
router.get('/:id', async (req, res) => {
  try {
    const { rows } = await db.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
    const user = rows[0];
    if (!user) {
      return res.status(500).json({ message: 'User not found' });
    }
    res.json(publicUser(user));
  } catch (err) {
    sendError(res, err);
  }
});

// PUT /api/users/:id  { email, name }
router.put('/:id', async (req, res) => {
  if (String(req.user.sub) !== req.params.id && req.user.role !== 'admin') {
    return res.status(403).json({ error: 'You can only edit your own profile' });
  }
  const { email, name } = req.body;
  try {
    const { rows } = await db.query(
      'UPDATE users SET email = $1, name = $2 WHERE id = $3 RETURNING *',
      [email, name, req.params.id]
    );
    if (!rows.length) {
      return res.status(404).json({ error: 'User not found' });
    }
    res.json({ data: publicUser(rows[0]) });
  } catch (err) {
    if (err.code === '23505') {
      return res.status(409).json({ error: 'That email is already in use', detail: err.detail });
    }
    sendError(res, err);
  }
});

// POST /api/users/:id/avatar  { url }
// stub until the S3 upload lands, the mobile team needs the endpoint to exist
router.post('/:id/avatar', function (req, res) {
  db.query('UPDATE users SET avatar_url = $1 WHERE id = $2 RETURNING *', [req.body.url, req.params.id], function (error, result) {
    if (error) {
      return res.json({ error });
    }
    res.json({ data: { avatar_url: result.rows.length ? result.rows[0].avatar_url : null } });
  });
});

module.exports = router;
