import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import pg from 'pg';

const pool = new pg.Pool();
const server = createServer();

async function handle(req, res) {
  if (req.url === '/health') {
    try {
      await pool.query('SELECT 1');
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    } catch (err) {
      console.error('health check failed', err);
      res.writeHead(500);
      res.end(); // expect: bare-500
    }
    return;
  }

  if (req.url === '/version') {
    try {
      const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ version: pkg.version }));
    } catch {
      res.statusCode = 500;
      res.end('Internal Server Error'); // expect: bare-500
    }
    return;
  }

  if (req.url?.startsWith('/users/')) {
    const id = req.url.split('/')[2];
    try {
      const { rows } = await pool.query('SELECT id, name FROM users WHERE id = $1', [id]);
      if (rows.length === 0) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'User not found' }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(rows[0]));
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'Database error', detail: err.detail, table: err.table })); // expect: leaked-downstream
    }
    return;
  }

  res.writeHead(404);
  res.end();
}

server.on('request', handle);
server.listen(process.env.PORT ?? 3000);
