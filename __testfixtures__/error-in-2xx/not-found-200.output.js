'use strict';

const express = require('express');
const User = require('../models/user');
const { NotFoundError } = require('../errors');

const router = express.Router();

// GET /users/:id
router.get('/users/:id', async (req, res, next) => {
  const user = await User.findById(req.params.id);
  if (!user) {
    return next(new NotFoundError('User not found'));
  }
  res.json({ user: user.toPublicJSON() });
});

module.exports = router;
