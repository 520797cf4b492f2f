const http = require('http');
const url = require('url');
const { getTodos, addTodo, deleteTodo } = require('./todos-store');

const PORT = process.env.PORT || 8080;

const server = http.createServer((req, res) => {
  const { pathname } = url.parse(req.url, true);

  if (req.method === 'GET' && pathname === '/todos') {
    getTodos()
      .then((todos) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(todos));
      })
      .catch((err) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(err.message); // expect: leaked-exception
      });
    return;
  }

  if (req.method === 'POST' && pathname === '/todos') {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', async () => {
      try {
        const todo = await addTodo(JSON.parse(body));
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(todo));
      } catch (err) {
        res.statusCode = 500; res.end(err.message); // expect: leaked-exception
      }
    });
    return;
  }

  if (req.method === 'DELETE' && pathname.startsWith('/todos/')) {
    const id = pathname.split('/')[2];
    deleteTodo(id, (err, removed) => {
      if (err) {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ error: err.message })); // expect: leaked-exception
        return;
      }
      if (!removed) {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: 'Todo not found' }));
        return;
      }
      res.statusCode = 204;
      res.end();
    });
    return;
  }

  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: 'Not found' }));
});

server.listen(PORT, () => {
  console.log(`Server listening on http://localhost:${PORT}`);
});
