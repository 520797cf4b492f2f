import http from 'node:http';

const server = http.createServer(async (req, res) => {
  try {
    const body = await render(req.url);
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(body);
  } catch (err) {
    res.setHeader('X-Error-Detail', err.message);
    res.statusCode = 500;
    res.end();
  }
});

async function render(url) {
  return `<h1>${url}</h1>`;
}

server.listen(8080);
