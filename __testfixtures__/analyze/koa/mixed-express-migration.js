// frameworks: express, koa
// Half-way through a migration: the old Express app mounts the new Koa app under /v2.
const express = require('express');
const Koa = require('koa');
const Router = require('@koa/router');
const mount = require('koa-mount');
const { Invoice } = require('./models');

const legacy = express();
const app = new Koa();
const router = new Router();

legacy.get('/v1/invoices/:id', async (req, res) => {
  try {
    res.json(await Invoice.findById(req.params.id));
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: leaked-exception
  }
});

router.get('/invoices/:id', async (ctx) => {
  try {
    ctx.body = await Invoice.findById(ctx.params.id);
  } catch (err) {
    ctx.status = 500;
    ctx.body = { error: err.message }; // expect: leaked-exception
  }
});

app.use(router.routes());
app.use(mount('/v1', (ctx) => new Promise((resolve) => legacy(ctx.req, ctx.res, resolve))));

module.exports = app;
