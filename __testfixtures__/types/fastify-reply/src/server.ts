import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';

const app = Fastify({ logger: true });

function replyError(r: FastifyReply, status: number, message: string) { // type: response fastify r
  return r.code(status).send({ error: message });
}

async function loadItem(id: string): Promise<{ id: string; name: string } | null> {
  return id === '0' ? null : { id, name: 'widget' };
}

app.get<{ Params: { id: string } }>('/items/:id', async (request, reply) => { // type: response fastify reply
  const item = await loadItem(request.params.id);
  if (!item) return replyError(reply, 404, 'not found');
  return item;
});

app.post('/items', async function createItem(req: FastifyRequest, r) { // type: response fastify r
  try {
    const body = req.body as { name?: string };
    if (!body.name) throw new TypeError('name is required');
    return r.code(201).send({ id: '1', name: body.name });
  } catch (err) {
    const failure = err as Error; // type: error null failure
    return r.code(500).send({ error: failure.message });
  }
});

app.setErrorHandler((error: FastifyError, _request, reply) => { // type: error null error; response fastify reply
  reply.status(error.statusCode ?? 500).send({ error: error.message });
});

// A global fetch Response (undici's, through @types/node) is not a server response.
export async function ping(url: string) {
  const upstream: Response = await fetch(url);
  const copy = upstream.clone();
  return copy.ok;
}

export default app;
