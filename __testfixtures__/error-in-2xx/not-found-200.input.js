'use strict';

const express = require('express');
const User = require('../models/user');

const router = express.Router();

// GET /users/:id
router.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  if (!user) {
    return res.json({ error: 'User not found' });
  }
  res.json({ user: user.toPublicJSON() });
});

module.exports = router;
