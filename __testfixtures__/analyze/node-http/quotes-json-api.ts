import http, { IncomingMessage, ServerResponse } from 'node:http';
import axios, { AxiosError } from 'axios';

interface Quote {
  symbol: string;
  price: number;
}

interface AlertInput {
  symbol?: string;
  above?: number;
}

function readJson<T>(req: IncomingMessage): Promise<T> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
  });
}

const server = http.createServer(async (req: IncomingMessage, res: ServerResponse) => {
  res.setHeader('Content-Type', 'application/json');

  if (req.method === 'GET' && req.url?.startsWith('/quotes/')) {
    const symbol = req.url.slice('/quotes/'.length).toUpperCase();
    try {
      const { data } = await axios.get<Quote>(`${process.env.QUOTES_URL}/v2/quote`, {
        params: { symbol, apikey: process.env.QUOTES_KEY },
      });
      res.writeHead(200);
      res.end(JSON.stringify({ symbol: data.symbol, price: data.price }));
    } catch (err) {
      const e = err as AxiosError;
      res.writeHead(502);
      res.end(JSON.stringify({ error: 'Quote lookup failed', upstream: e.response?.data })); // expect: leaked-downstream
    }
    return;
  }

  if (req.method === 'POST' && req.url === '/alerts') {
    try {
      const body = await readJson<AlertInput>(req);
      if (!body.symbol) {
        res.writeHead(500);
        res.end(JSON.stringify({ error: 'symbol is required' })); // expect: client-error-as-500
        return;
      }
      res.writeHead(201);
      res.end(JSON.stringify({ id: Date.now().toString(36), ...body }));
    } catch (err) {
      res.writeHead(200);
      res.end(JSON.stringify({ ok: false, error: String(err) })); // expect: leaked-exception, error-in-2xx
    }
    return;
  }

  res.writeHead(404);
  res.end(JSON.stringify({ error: 'Not found' }));
});

server.listen(Number(process.env.PORT ?? 4000));
