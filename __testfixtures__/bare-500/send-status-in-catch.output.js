'use strict';

const express = require('express');
const Comment = require('../models/comment');
const { requireLogin } = require('../middleware/session');
const { InternalError } = require('../errors');

const router = express.Router();

router.post('/posts/:postId/comments', requireLogin, async function (req, res, next) {
  try {
    const comment = await Comment.create({ post: req.params.postId, author: req.user._id, body: req.body.body });
    res.status(201).json(comment);
  } catch (err) {
    console.log(err);
    return next(new InternalError(undefined, { cause: err }));
  }
});

module.exports = router;
