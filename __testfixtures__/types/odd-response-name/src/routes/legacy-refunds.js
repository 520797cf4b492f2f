'use strict';
const express = require('express');
const router = express.Router();

/**
 * @param {import('express').Response} target
 * @param {Error} cause
 */
function refuse(target, cause) { // type: response express target; error null cause
  target.status(500).send(cause.stack);
}

router.post('/refunds', (req, resp) => { // type: response express resp
  try {
    if (!req.body) throw new Error('empty body');
    resp.status(202).end();
  } catch (e) {
    refuse(resp, e);
  }
});

module.exports = router;
