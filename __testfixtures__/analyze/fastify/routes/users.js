'use strict';

// A route plugin, loaded by @fastify/autoload: it imports nothing.
module.exports = async function (fastify, opts) {
  fastify.get('/users/:id', async function (request, reply) {
    try {
      const user = await this.db.users.findById(request.params.id);
      if (!user) {
        return reply.code(500).send({ error: 'User not found' }); // expect: client-error-as-500
      }
      return user;
    } catch (err) {
      fastify.log.error(err);
      return reply.code(500).send({ message: 'Something went wrong' }); // expect: bare-500
    }
  });

  fastify.delete('/users/:id', async (request, reply) => {
    if (request.user.role !== 'admin') {
      return reply.code(401).send({ error: 'Admins only' }); // expect: auth-status-mismatch
    }
    await fastify.db.users.remove(request.params.id);
    reply.code(204).send();
  });

  fastify.route({
    method: 'PUT',
    url: '/users/:id',
    schema: { body: { type: 'object' } },
    handler: async (request, reply) => {
      try {
        return await fastify.db.users.update(request.params.id, request.body);
      } catch (err) {
        return { error: err.message }; // expect: leaked-exception, error-in-2xx
      }
    },
  });

  fastify.get('/users/:id/avatar', async (request, reply) => {
    try {
      return await fastify.storage.signedUrl(`avatars/${request.params.id}`);
    } catch (err) {
      // rethrown: the app's error handler decides what the client sees
      throw err;
    }
  });

  fastify.get('/users/export', (request, reply) => {
    fastify.db.users.exportCsv()
      .then((csv) => reply.type('text/csv').send(csv))
      .catch((err) => reply.send(err));
  });
};
