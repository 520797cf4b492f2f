import Fastify, { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import sensible from '@fastify/sensible';
import { productRoutes } from './routes/products';

const app = Fastify({ logger: true });

app.register(sensible);
app.register(productRoutes, { prefix: '/products' });

app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  request.log.error({ err: error }, 'request failed');
  reply.status(error.statusCode ?? 500).send({ // expect: leaked-exception
    error: error.name,
    message: error.message,
  });
});

app.setNotFoundHandler((request, reply) => {
  reply.code(404).send({ error: 'Not found', path: request.url });
});

export default app;
