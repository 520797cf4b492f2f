import http, { IncomingMessage, ServerResponse } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { enqueueDelivery, tenantForToken } from './queue';

const SECRET = process.env.WEBHOOK_SECRET ?? '';

function verifySignature(raw: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', SECRET).update(raw).digest('hex');
  const a = Buffer.from(expected);
  const b = Buffer.from(header.replace(/^sha256=/, ''));
  return a.length === b.length && timingSafeEqual(a, b);
}

const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'POST' });
    res.end();
    return;
  }

  const token = req.headers['x-webhook-token'] as string | undefined;
  if (!token) {
    res.writeHead(403, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: 'Missing token' })); // expect: auth-status-mismatch
    return;
  }

  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const raw = Buffer.concat(chunks);
    if (!verifySignature(raw, req.headers['x-signature'] as string | undefined)) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'Invalid signature' }));
      return;
    }
    try {
      const tenant = await tenantForToken(token);
      const event = JSON.parse(raw.toString('utf8')) as { id: string; type: string };
      await enqueueDelivery(tenant, event);
      res.writeHead(202);
      res.end();
    } catch (err) {
      console.error('webhook delivery failed', err);
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'Server error' })); // expect: bare-500
    }
  });
});

server.listen(Number(process.env.PORT ?? 8081));
