const express = require('express');
const Comment = require('../models/comment');
const akismet = require('../lib/akismet');

const router = express.Router();

router.get('/posts/:postId/comments', async (req, res) => {
  try {
    const comments = await Comment.find({ post: req.params.postId }).sort({ createdAt: -1 });
    res.json(comments);
  } catch (err) {
    console.error(err);
    res.sendStatus(500); // expect: bare-500
  }
});

router.post('/posts/:postId/comments', async (req, res) => {
  try {
    const spam = await akismet.check({ content: req.body.body, ip: req.ip });
    const comment = await Comment.create({
      post: req.params.postId,
      author: req.user.id,
      body: req.body.body,
      spam,
    });
    res.status(201).json(comment);
  } catch (err) {
    console.error(err);
    res.status(500).end(); // expect: bare-500
  }
});

router.put('/comments/:id', async (req, res) => {
  try {
    const comment = await Comment.findOneAndUpdate(
      { _id: req.params.id, author: req.user.id },
      { body: req.body.body },
      { new: true }
    );
    res.json(comment);
  } catch (err) {
    res.status(500).send(); // expect: bare-500
  }
});

router.delete('/comments/:id', async (req, res) => {
  try {
    await Comment.deleteOne({ _id: req.params.id, author: req.user.id });
    res.sendStatus(204);
  } catch (err) {
    res.status(500).send('Internal Server Error'); // expect: bare-500
  }
});

router.post('/comments/:id/flag', async (req, res) => {
  try {
    await Comment.updateOne({ _id: req.params.id }, { $inc: { flags: 1 } });
    res.json({ flagged: true });
  } catch (err) {
    res // expect: bare-500
      .status(500)
      .json({ message: 'Something went wrong' });
  }
});

router.get('/comments/:id', async (req, res, next) => {
  try {
    const comment = await Comment.findById(req.params.id);
    if (!comment) return res.sendStatus(404);
    res.json(comment);
  } catch (err) {
    next(err);
  }
});

// eslint-disable-next-line no-unused-vars
router.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'Internal Server Error' });
});

module.exports = router;
