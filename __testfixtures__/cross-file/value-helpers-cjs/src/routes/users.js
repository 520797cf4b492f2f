'use strict';

const express = require('express');
const axios = require('axios');
const multer = require('multer');
const _ = require('lodash');
const User = require('../models/user');
const mailer = require('../services/mailer');
const { getErrorMessage, upstreamDetails, friendlyMessage, logError, paginate } = require('../utils');

const router = express.Router();
const upload = multer({ limits: { fileSize: 5 * 1024 * 1024 } });
const CRM_URL = process.env.CRM_URL || 'http://crm.internal:8080';

const IMPORT_ERRORS = {
  CSV_HEADER: 'The first line must be: email,name,plan',
  CSV_ROW: 'One of the rows is not valid',
};

function validateSignup(body) {
  if (!body.email) return 'Email is required';
  if (!/^[^@\s]+@[^@\s]+$/.test(body.email)) return 'Email is not valid';
  if (!body.name || body.name.length > 80) return 'Name must be between 1 and 80 characters';
  return null;
}

// GET /api/users
router.get('/', async (req, res) => {
  try {
    const users = await User.findAll(paginate(req.query));
    res.json(users.map((u) => _.pick(u, ['id', 'email', 'name', 'createdAt'])));
  } catch (err) {
    logError(req, err);
    res.status(500).json({ message: getErrorMessage(err) }); // expect: leaked-exception
  }
});

// GET /api/users/:id
router.get('/:id', async (req, res, next) => {
  try {
    const user = await User.findByPk(req.params.id);
    if (!user) return res.status(404).json({ message: 'User not found' });
    res.json(_.pick(user, ['id', 'email', 'name', 'plan']));
  } catch (err) {
    next(err);
  }
});

// POST /api/users
router.post('/', async (req, res) => {
  const invalid = validateSignup(req.body);
  if (invalid) {
    // getErrorMessage accepts plain strings too
    return res.status(400).json({ message: getErrorMessage(invalid) });
  }
  try {
    const user = await User.create(_.pick(req.body, ['email', 'name', 'plan']));
    res.status(201).json({ id: user.id });
  } catch (err) {
    if (err.name === 'SequelizeUniqueConstraintError') {
      return res.status(409).json({ message: 'An account with this email already exists' });
    }
    res.status(500).json({ message: 'Could not create the account', reason: getErrorMessage(err) }); // expect: leaked-exception
  }
});

// POST /api/users/:id/sync-crm
router.post('/:id/sync-crm', async (req, res) => {
  try {
    const user = await User.findByPk(req.params.id);
    const { data } = await axios.post(`${CRM_URL}/api/contacts`, {
      externalId: user.id,
      email: user.email,
      name: user.name,
    });
    res.json({ synced: true, crmId: data.id });
  } catch (err) {
    logError(req, err);
    res.status(502).json({ error: 'CRM sync failed', details: upstreamDetails(err) }); // expect: leaked-downstream
  }
});

// POST /api/users/:id/avatar
router.post('/:id/avatar', upload.single('avatar'), async (req, res) => {
  try {
    await User.update({ avatar: req.file.buffer }, { where: { id: req.params.id } });
    res.status(204).end();
  } catch (err) {
    res.status(err.code === 'LIMIT_FILE_SIZE' ? 413 : 503).json({ error: friendlyMessage(err) });
  }
});

// POST /api/users/:id/welcome-email
router.post('/:id/welcome-email', async (req, res) => {
  try {
    const user = await User.findByPk(req.params.id);
    await mailer.send('welcome', user.email);
    res.status(202).json({ queued: true });
  } catch (err) {
    // mailer's own getErrorMessage, not the one from ../utils
    res.status(502).json({ error: mailer.getErrorMessage(err) });
  }
});

// POST /api/users/import (CSV upload from the admin panel)
router.post('/import', upload.single('file'), async (req, res) => {
  // Shadows the shared helper on purpose: import problems are explained with our own sentences.
  const getErrorMessage = (problem) => IMPORT_ERRORS[problem.code] || 'The file could not be imported';

  try {
    const result = await User.importCsv(req.file.buffer);
    res.json({ imported: result.count });
  } catch (err) {
    res.status(422).json({ error: getErrorMessage(err) });
  }
});

// GET /api/users/export.csv
router.get('/export.csv', async (req, res) => {
  try {
    const rows = await User.exportRows(req.query);
    res.type('text/csv').send(rows.map((r) => [r.id, r.email, r.name].join(',')).join('\n'));
  } catch (err) {
    logError(req, err);
    res.status(500).json({ error: 'Export failed', code: _.get(err, 'code', 'EXPORT_FAILED') });
  }
});

module.exports = router;
