'use strict';

const userService = require('../services/user.service');

// GET /users/:id
exports.getUser = async (req, res) => {
  try {
    const user = await userService.getUser(req.params.id);
    res.json({ id: user.id, displayName: user.displayName, locale: user.locale });
  } catch (e) {
    res.status(500).send(e); // expect: leaked-exception, leaked-downstream
  }
};

// GET /users/:id/activity
exports.getActivity = (req, res) => {
  userService
    .getActivity(req.params.id, Number(req.query.limit) || 20)
    .then((items) => res.json({ items }))
    .catch((err) => res.status(502).json(err)); // expect: leaked-exception, leaked-downstream
};

// GET /users/:id/preferences
exports.getPreferences = async (req, res) => {
  try {
    const prefs = await userService.getPreferences(req.params.id);
    res.json(prefs);
  } catch (e) {
    // the service throws its own error here, never the axios one
    res.status(e.status || 500).json({ error: e }); // expect: leaked-exception
  }
};

// PATCH /users/:id
exports.updateUser = async (req, res, next) => {
  let changes;
  try {
    changes = userService.pickUpdatableFields(req.body);
  } catch (e) {
    return res.status(400).send(e); // expect: leaked-exception
  }

  try {
    const user = await userService.saveUser(req.params.id, changes);
    res.json(user);
  } catch (e) {
    next(e);
  }
};

// GET /users/:id/summary
exports.getSummary = async (req, res) => {
  try {
    const user = await userService.getUser(req.params.id);
    res.json({ id: user.id, name: user.displayName });
  } catch (err) {
    // only the message: not the downstream details
    res.status(502).json({ message: `User lookup failed: ${err.message}` }); // expect: leaked-exception
  }
};
