const express = require('express');
const Ticket = require('../models/ticket');
const slack = require('../lib/slack');

const router = express.Router();

function sendError(res, err) {
  console.error('[tickets]', err);
  res.status(500).json({ success: false, message: err.message }); // expect: leaked-exception
}

router.get('/', (req, res) => {
  Ticket.findAll({ where: { teamId: req.user.teamId } })
    .then((tickets) => res.json({ success: true, data: tickets }))
    .catch((err) => sendError(res, err));
});

router.post('/', async (req, res) => {
  try {
    const ticket = await Ticket.create({ ...req.body, reporterId: req.user.id });
    await slack.notify(`New ticket #${ticket.id}: ${ticket.title}`);
    res.status(201).json({ success: true, data: ticket });
  } catch (err) {
    sendError(res, err);
  }
});

router.put('/:id/assign', async (req, res) => {
  try {
    const ticket = await Ticket.findByPk(req.params.id);
    if (!ticket) {
      return res.status(404).json({ success: false, message: 'Ticket not found' });
    }
    await ticket.update({ assigneeId: req.body.assigneeId });
    res.json({ success: true, data: ticket });
  } catch (error) {
    sendError(res, error);
  }
});

router.post('/:id/close', (req, res) => {
  Ticket.close(req.params.id, req.user.id)
    .then(() => res.json({ success: true }))
    .catch((e) => sendError(res, e));
});

module.exports = router;
