const http = require('http');
const { EventEmitter } = require('events');
const jobs = require('./jobs');

const bus = new EventEmitter();

function sendEvent(res, event, payload) {
  res.write(`event: ${event}\n`);
  res.write(`data: ${JSON.stringify(payload)}\n\n`);
}

const server = http.createServer((req, res) => {
  if (req.url === '/events') {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    const onProgress = (job) => sendEvent(res, 'progress', { id: job.id, pct: job.pct });
    bus.on('progress', onProgress);
    req.on('close', () => bus.off('progress', onProgress));
    return;
  }

  if (req.method === 'POST' && req.url === '/jobs') {
    jobs.start(bus, (err, job) => {
      if (err) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.write('Job failed to start\n');
        res.end(err.stack); // expect: leaked-exception
        return;
      }
      res.writeHead(202, { 'Content-Type': 'application/json', Location: `/jobs/${job.id}` });
      res.end(JSON.stringify({ id: job.id }));
    });
    return;
  }

  if (req.url === '/jobs/export.csv') {
    res.writeHead(200, { 'Content-Type': 'text/csv' });
    res.write('id,status,duration\n');
    jobs
      .exportRows((row) => res.write(`${row.id},${row.status},${row.duration}\n`))
      .then(() => res.end())
      .catch((err) => {
        res.write(`# export aborted: ${err.message}\n`); // expect: leaked-exception
        res.end();
      });
    return;
  }

  res.statusCode = 404;
  res.end();
});

server.listen(3001);
