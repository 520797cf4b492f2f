import fp from 'fastify-plugin';
import bcrypt from 'bcrypt';

async function authPlugin(fastify) {
  fastify.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.config.public) return;
    const token = request.headers.authorization?.replace('Bearer ', '');
    if (!token) {
      return reply.code(403).send({ error: 'Missing token' }); // expect: auth-status-mismatch
    }
    request.user = await fastify.jwt.verify(token);
  });

  fastify.post('/login', { config: { public: true } }, async (request, reply) => {
    const { email, password } = request.body;
    const user = await fastify.db.users.findByEmail(email);
    if (!user) {
      return reply.code(404).send({ message: 'User not found' }); // expect: account-enumeration
    }
    const valid = await bcrypt.compare(password, user.passwordHash);
    if (!valid) {
      return reply.code(401).send({ message: 'Wrong password' });
    }
    return { token: fastify.jwt.sign({ sub: user.id }) };
  });

  fastify.post('/token/refresh', { config: { public: true } }, async (request, reply) => {
    const session = await fastify.db.sessions.find(request.body.refreshToken);
    if (!session) {
      return reply.code(401).send({ message: 'Invalid or expired refresh token' });
    }
    return { token: fastify.jwt.sign({ sub: session.userId }) };
  });

  fastify.get('/admin/audit', async (request, reply) => {
    if (!request.user.roles.includes('auditor')) {
      return reply.code(403).send({ message: 'Insufficient role' });
    }
    return fastify.db.audit.latest();
  });
}

export default fp(authPlugin);
