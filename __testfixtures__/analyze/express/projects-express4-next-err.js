const express = require('express');
const asyncHandler = require('express-async-handler');
const Project = require('../models/project');
const audit = require('../services/audit');

const router = express.Router();

router.get('/', asyncHandler(async (req, res) => {
  const projects = await Project.find({ members: req.user.id }).lean();
  res.json({ data: projects });
}));

router.get('/:id', (req, res, next) => {
  Project.findById(req.params.id)
    .then((project) => {
      if (!project) return res.status(404).json({ error: 'Project not found' });
      res.json({ data: project });
    })
    .catch(next);
});

router.post('/', async (req, res, next) => {
  try {
    const project = await Project.create({ name: req.body.name, owner: req.user.id, members: [req.user.id] });
    await audit.record('project.created', { projectId: project.id, userId: req.user.id });
    res.status(201).json({ data: project });
  } catch (err) {
    if (err.name === 'ValidationError') {
      return res.status(400).json({ error: 'Project name is required' });
    }
    next(err);
  }
});

router.put('/:id/archive', (req, res, next) => {
  Project.updateOne({ _id: req.params.id, owner: req.user.id }, { archived: true }, (err, result) => {
    if (err) return next(err);
    if (result.matchedCount === 0) return res.status(404).json({ error: 'Project not found' });
    res.json({ data: { archived: true } });
  });
});

router.post('/:id/members', async (req, res, next) => {
  try {
    const project = await Project.addMember(req.params.id, req.body.userId);
    res.status(201).json({ data: project.members, errors: [] });
  } catch (err) {
    if (err.code === 11000) {
      return res.status(409).json({ error: 'User is already a member' });
    }
    return next(err);
  }
});

router.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  console.error(err);
  res.status(500).json({ error: 'Internal Server Error', requestId: req.id });
});

module.exports = router;
