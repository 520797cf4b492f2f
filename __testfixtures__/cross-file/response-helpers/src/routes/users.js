const express = require('express');
const bcrypt = require('bcryptjs');
const User = require('../models/User');
const { sendSuccess, sendError, handleError, asyncHandler } = require('../utils/respond');

const router = express.Router();
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// @route   GET api/users
router.get('/', async (req, res) => {
  try {
    const users = await User.find().select('-password').limit(100);
    sendSuccess(res, users);
  } catch (err) {
    handleError(res, err);
  }
});

// @route   GET api/users/:id
router.get('/:id', async (req, res) => {
  try {
    const user = await User.findById(req.params.id).select('-password');
    if (!user) {
      return sendError(res, 'User not found', 404);
    }
    sendSuccess(res, user);
  } catch (err) {
    return sendError(res, err.message); // expect: leaked-exception
  }
});

// @route   POST api/users
router.post('/', async (req, res) => {
  const { name, email, password } = req.body;
  if (!email || !EMAIL_RE.test(email)) {
    return sendError(res, 'Invalid email address'); // expect: client-error-as-500
  }
  if (!password || password.length < 8) {
    return sendError(res, 'Password must be at least 8 characters', 400);
  }
  try {
    const hash = await bcrypt.hash(password, 10);
    const user = await User.create({ name, email, password: hash });
    sendSuccess(res, { id: user.id, name: user.name, email: user.email }, 201);
  } catch (err) {
    if (err.code === 11000) {
      return sendError(res, 'Email already registered', 409);
    }
    handleError(res, err);
  }
});

// @route   PUT api/users/:id
router.put(
  '/:id',
  asyncHandler(async (req, res) => {
    const user = await User.findByIdAndUpdate(req.params.id, { name: req.body.name }, { new: true });
    if (!user) return sendError(res, 'User not found', 404);
    sendSuccess(res, user);
  }),
);

// @route   DELETE api/users/:id
router.delete('/:id', (req, res) => {
  User.findByIdAndDelete(req.params.id)
    .then(() => sendSuccess(res, null, 204))
    .catch((err) => sendError(res, err)); // expect: leaked-exception
});

module.exports = router;
