'use strict';

const express = require('express');
const Comment = require('../models/comment');
const { requireLogin } = require('../middleware/session');

const router = express.Router();

router.post('/posts/:postId/comments', requireLogin, async function (req, res) {
  try {
    const comment = await Comment.create({ post: req.params.postId, author: req.user._id, body: req.body.body });
    res.status(201).json(comment);
  } catch (err) {
    console.log(err);
    res.sendStatus(500);
  }
});

module.exports = router;
