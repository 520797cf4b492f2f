'use strict';

const Router = require('@koa/router');
const User = require('../models/user');
const mailer = require('../services/mailer');

const router = new Router({ prefix: '/users' });

router.get('/', async (ctx) => {
  try {
    ctx.body = await User.find({}).select('-password').limit(50);
  } catch (err) {
    ctx.status = 500;
    ctx.body = { error: err.message }; // expect: leaked-exception
  }
});

router.get('/:id', async (ctx) => {
  const user = await User.findById(ctx.params.id).select('-password');
  if (!user) {
    ctx.status = 404;
    ctx.body = { message: 'User not found' };
    return;
  }
  ctx.body = user;
});

router.get('/by-email/:email', async (ctx) => {
  const user = await User.findOne({ email: ctx.params.email });
  if (!user) {
    ctx.body = { success: false, message: 'User not found' }; // expect: error-in-2xx
    return;
  }
  ctx.body = { success: true, data: user };
});

router.post('/', async (ctx) => {
  try {
    const user = await User.create(ctx.request.body);
    await mailer.sendWelcome(user.email);
    ctx.body = { id: user.id, email: user.email };
  } catch (err) {
    ctx.body = err; // expect: leaked-exception, error-in-2xx
  }
});

router.put('/:id', async (ctx) => {
  try {
    ctx.body = await User.findByIdAndUpdate(ctx.params.id, ctx.request.body, { new: true });
  } catch (err) {
    // ctx.throw builds an http-errors error: a 5xx message is not exposed
    ctx.throw(500, err.message);
  }
});

router.delete('/:id', async (ctx) => {
  try {
    await User.deleteOne({ _id: ctx.params.id });
    ctx.status = 204;
  } catch (err) {
    ctx.throw(404, 'User not found');
  }
});

module.exports = router;
