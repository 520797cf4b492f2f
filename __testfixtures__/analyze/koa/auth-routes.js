const Router = require('koa-router');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const { User, ResetToken } = require('../models');

const router = new Router();

async function requireUser(ctx, next) {
  if (!ctx.state.user) {
    ctx.status = 403; // expect: auth-status-mismatch
    return;
  }
  await next();
}

async function requireAdmin(ctx, next) {
  if (ctx.state.user.role !== 'admin') {
    ctx.throw(401, 'Admins only'); // expect: auth-status-mismatch
  }
  await next();
}

router.post('/login', async (ctx) => {
  const { email, password } = ctx.request.body;
  const user = await User.findOne({ where: { email } });
  if (!user) {
    ctx.status = 404;
    ctx.body = { message: 'User not found' }; // expect: account-enumeration
    return;
  }
  const ok = await bcrypt.compare(password, user.passwordHash);
  if (!ok) {
    ctx.status = 401;
    ctx.body = { message: 'Incorrect password' };
    return;
  }
  ctx.body = { token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }) };
});

router.post('/forgot-password', async (ctx) => {
  const user = await User.findOne({ where: { email: ctx.request.body.email } });
  if (!user) {
    ctx.status = 404;
    ctx.body = { message: 'No account with that email' }; // expect: account-enumeration
    return;
  }
  await ResetToken.issueFor(user);
  ctx.status = 202;
  ctx.body = { message: 'Check your inbox' };
});

router.post('/sessions', async (ctx) => {
  const { email, password } = ctx.request.body;
  const user = await User.findOne({ where: { email } });
  const ok = user && (await bcrypt.compare(password, user.passwordHash));
  if (!ok) {
    ctx.throw(401, 'Invalid email or password');
  }
  ctx.body = { token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET) };
});

router.get('/admin/stats', requireUser, requireAdmin, async (ctx) => {
  ctx.body = await User.stats();
});

router.get('/me', requireUser, async (ctx) => {
  if (!ctx.state.user.emailVerified) {
    ctx.throw(403, 'Please verify your email first');
  }
  ctx.body = ctx.state.user;
});

module.exports = router;
