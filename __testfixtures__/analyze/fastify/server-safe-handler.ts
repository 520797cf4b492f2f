import fastify from 'fastify';
import { ordersPlugin } from './plugins/orders';

export function buildServer() {
  const server = fastify({ logger: { level: 'info' } });

  server.setErrorHandler(async (error, request, reply) => {
    request.log.error({ err: error }, 'unhandled error');
    if (error.validation) {
      reply.status(400);
      return { message: 'Invalid request', errors: error.validation };
    }
    if (error.statusCode === 404) {
      return { message: 'Not found' };
    }
    return reply.status(500).send({ code: 'internal_error', message: 'Internal Server Error' });
  });

  server.register(ordersPlugin);
  return server;
}
