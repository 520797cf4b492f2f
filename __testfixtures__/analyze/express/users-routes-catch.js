'use strict';

const express = require('express');
const bcrypt = require('bcryptjs');
const User = require('../models/user');
const { sendWelcomeEmail } = require('../services/mailer');

const router = express.Router();

router.get('/', async (req, res) => {
  try {
    const users = await User.find({}).select('-password').limit(50);
    res.json(users);
  } catch (err) {
    console.error('GET /users failed', err);
    res.status(500).json({ message: err.message }); // expect: leaked-exception
  }
});

router.get('/:id', async (req, res, next) => {
  try {
    const user = await User.findById(req.params.id).select('-password');
    if (!user) {
      return res.status(404).json({ message: 'User not found' });
    }
    res.json(user);
  } catch (err) {
    next(err);
  }
});

router.post('/', async (req, res) => {
  try {
    const hash = await bcrypt.hash(req.body.password, 10);
    const user = await User.create({ ...req.body, password: hash });
    await sendWelcomeEmail(user.email);
    res.status(201).json({ id: user.id, email: user.email });
  } catch (err) {
    res.status(400).json({ error: err.message }); // expect: leaked-exception
  }
});

router.put('/:id', async (req, res) => {
  try {
    const user = await User.findByIdAndUpdate(req.params.id, req.body, { new: true });
    res.json(user);
  } catch (err) {
    res.status(500).send(err); // expect: leaked-exception
  }
});

router.delete('/:id', async (req, res) => {
  try {
    await User.deleteOne({ _id: req.params.id });
    res.status(204).end();
  } catch (err) {
    res.status(500).json({ // expect: leaked-exception
      error: 'Failed to delete user',
      stack: err.stack,
    });
  }
});

module.exports = router;
