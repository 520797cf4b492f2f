const express = require('express');
const mysql = require('mysql2');

const pool = mysql.createPool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'reports',
  connectionLimit: 10,
});

const app = express();
app.use(express.json());

app.get('/reports/sales', (req, res) => {
  const sql = 'SELECT region, SUM(total) AS total FROM sales WHERE created_at >= ? GROUP BY region';
  pool.query(sql, [req.query.from], (error, results) => {
    if (error) {
      return res.status(500).json({ error: error.sqlMessage, query: error.sql }); // expect: leaked-downstream
    }
    res.json(results);
  });
});

app.get('/reports/customers/:id', (req, res) => {
  pool.execute('SELECT * FROM customers WHERE id = ?', [req.params.id], (err, rows) => {
    if (err) return res.status(500).json({ error: err.message }); // expect: leaked-exception
    if (rows.length === 0) return res.status(404).json({ error: 'Customer not found' });
    res.json(rows[0]);
  });
});

app.get('/reports/export', (req, res) => {
  pool.query('SELECT * FROM report_runs ORDER BY started_at DESC LIMIT 100', (err, rows) => {
    if (err) {
      res.status(500).send('Database error: ' + err.sqlMessage); // expect: leaked-downstream
      return;
    }
    res.attachment('report-runs.json').send(JSON.stringify(rows));
  });
});

app.post('/reports/schedules', (req, res) => {
  const { name, cron, recipients } = req.body;
  pool.query(
    'INSERT INTO schedules (name, cron, recipients) VALUES (?, ?, ?)',
    [name, cron, JSON.stringify(recipients)],
    (err, result) => {
      if (err && err.code === 'ER_DUP_ENTRY') {
        return res.status(409).json({ error: 'A schedule with that name already exists' });
      }
      if (err) {
        console.error(err.sql, err.sqlMessage);
        return res.status(500).json({ error: 'Could not save schedule', code: err.code });
      }
      res.status(201).json({ id: result.insertId });
    }
  );
});

app.listen(process.env.PORT || 3000);
