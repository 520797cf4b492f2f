const express = require('express');
const { stringify } = require('csv-stringify/sync');
const Report = require('../models/report');

const app = express();

app.get('/exports/:id.csv', (req, reply) => {
  Report.findByPk(req.params.id)
    .then((report) => {
      reply.type('text/csv').send(stringify(report.rows, { header: true }));
    })
    .catch((err) => {
      reply.status(500).send(err.message); // expect: leaked-exception
    });
});

app.get('/exports/:id.json', function (req, response) {
  Report.load(req.params.id, function (error, report) {
    if (error) {
      response.statusCode = 500;
      return response.json({ error: error.toString() }); // expect: leaked-exception
    }
    response.json(report);
  });
});

app.post('/exports', async (req, resp) => {
  try {
    const job = await Report.enqueue(req.body);
    resp.status(202).json({ jobId: job.id });
  } catch (e) {
    resp.status(500).json({ error: `Export failed: ${e}` }); // expect: leaked-exception
  }
});

app.get('/exports/:id/status', async (req, res) => {
  const r = res;
  try {
    const job = await Report.job(req.params.id);
    r.json({ state: job.state, progress: job.progress });
  } catch (ex) {
    r.status(500);
    r.json({ error: ex.stack }); // expect: leaked-exception
  }
});

app.delete('/exports/:id', (req, reply, next) => {
  Report.cancel(req.params.id)
    .then(() => reply.status(204).end())
    .catch(next);
});

module.exports = app;
