// Audit log endpoints: the events carry a `message` of their own, which is data, not an exception.
const express = require('express');
const AuditEvent = require('../models/audit-event');

const router = express.Router();

router.get('/audit', async (req, res, next) => {
  try {
    const events = await AuditEvent.find({ orgId: req.user.orgId }).sort({ at: -1 }).limit(100);
    res.json({
      data: events.map((e) => ({ id: e.id, at: e.at, message: e.message, actor: e.actor })),
      warnings: events.filter((e) => e.level === 'warn').map((e) => e.message),
    });
  } catch (err) {
    next(err);
  }
});

router.post('/audit/import', (req, res) => {
  const chunks = [];
  req.on('data', (e) => chunks.push(e));
  req.on('end', () => {
    const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
    const rejected = lines.map((l) => JSON.parse(l)).filter((e) => !e.message);
    res.status(202).json({ accepted: lines.length - rejected.length, rejected: rejected.length });
  });
  req.on('error', (err) => {
    res.status(400).json({ error: 'Upload interrupted: ' + err.message }); // expect: leaked-exception
  });
});

module.exports = router;
