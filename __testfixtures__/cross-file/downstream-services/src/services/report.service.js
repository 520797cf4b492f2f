'use strict';

const mysql = require('mysql2/promise');

const pool = mysql.createPool({
  uri: process.env.DATABASE_URL,
  connectionLimit: 10,
});

exports.revenueByMonth = async (year) => {
  const [rows] = await pool.query(
    `SELECT DATE_FORMAT(paid_at, '%Y-%m') AS month, SUM(amount_cents) AS total_cents
       FROM payments
      WHERE YEAR(paid_at) = ?
      GROUP BY month
      ORDER BY month`,
    [year],
  );
  return rows;
};

exports.topCustomers = async (limit = 10) => {
  const [rows] = await pool.query(
    'SELECT customer_id, SUM(amount_cents) AS total_cents FROM payments GROUP BY customer_id ORDER BY total_cents DESC LIMIT ?',
    [limit],
  );
  return rows;
};

// mysql2 puts the server's own explanation in sqlMessage ("Unknown column 'x' in 'field list'").
exports.describeDbError = (err) => err.sqlMessage || err.message;
