'use strict';

// No setErrorHandler anywhere: every thrown error's message goes out as it is, 500s included.
const fastify = require('fastify')({ logger: true }); // expect: leaked-exception
const db = require('./db');

fastify.get('/users/:id', async (request, reply) => {
  const user = await db.users.findById(request.params.id);
  if (!user) {
    reply.code(404);
    return { error: 'User not found' };
  }
  return user;
});

fastify.get('/users', async (request, reply) => {
  try {
    return await db.users.list({ limit: 50 });
  } catch (err) {
    request.log.error(err);
    reply.code(500).send({ error: err.message }); // expect: leaked-exception
  }
});

fastify.post('/users', function (request, reply) {
  db.users.create(request.body, (err, user) => {
    if (err) {
      // handed to the error handler (here Fastify's default one, reported above)
      reply.send(err);
      return;
    }
    reply.code(201).send(user);
  });
});

fastify.post('/coupons/redeem', async (request, reply) => {
  const coupon = await db.coupons.findByCode(request.body.code);
  if (!coupon || coupon.redeemedAt) {
    return { success: false, message: 'Invalid coupon' }; // expect: error-in-2xx
  }
  await db.coupons.redeem(coupon.id, request.body.userId);
  return { success: true };
});

fastify.listen({ port: 3000 }, (err) => {
  if (err) {
    fastify.log.error(err);
    process.exit(1);
  }
});
