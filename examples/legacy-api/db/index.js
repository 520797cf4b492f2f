'use strict';

// In-memory stand-in for Postgres. The real pool lives in db/pg.js on the `prod`
// branch; this keeps local dev and the tests working without docker. It only
// understands the statements the app sends, and throws pg-shaped errors.

const tables = { users: [], products: [], orders: [], payments: [], coupons: [], audit_log: [] };
const uniqueColumns = { users: ['email'], products: ['sku'], coupons: ['code'] };
const sequences = {};

class DatabaseError extends Error {
  constructor(message, fields) {
    super(message);
    this.name = 'error'; // that is really what pg sets
    Object.assign(this, { severity: 'ERROR' }, fields);
  }
}

const syntaxError = (near) => new DatabaseError('syntax error at or near "' + near + '"', { code: '42601' });

function getTable(name) {
  if (!tables[name]) throw new DatabaseError('relation "' + name + '" does not exist', { code: '42P01' });
  return tables[name];
}

function value(token, params) {
  const t = token.trim();
  if (/^\$\d+$/.test(t)) return params[Number(t.slice(1)) - 1];
  if (/^'.*'$/.test(t)) return t.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^null$/i.test(t)) return null;
  throw syntaxError(t);
}

// WHERE a = $1 AND b > 0 AND name ILIKE $2
function matcher(where, params) {
  const conditions = (where ? where.split(/ AND /i) : []).map((c) => {
    const m = /^(\w+) ?(=|>|<|ILIKE) ?(.+)$/i.exec(c.trim());
    if (!m) throw syntaxError(c.trim());
    return { col: m[1], op: m[2].toUpperCase(), value: value(m[3], params) };
  });
  return (row) => conditions.every((c) => {
    const v = row[c.col];
    if (c.op === '=') return v == c.value; // eslint-disable-line eqeqeq -- ids arrive as strings
    if (c.op === '>') return v > c.value;
    if (c.op === '<') return v < c.value;
    return String(v).toLowerCase().includes(String(c.value).replace(/%/g, '').toLowerCase());
  });
}

function checkUnique(table, row) {
  (uniqueColumns[table] || []).forEach((col) => {
    if (row[col] == null || !tables[table].some((r) => r.id !== row.id && r[col] === row[col])) return;
    throw new DatabaseError('duplicate key value violates unique constraint "' + table + '_' + col + '_key"', {
      code: '23505',
      detail: 'Key (' + col + ')=(' + row[col] + ') already exists.',
      schema: 'public',
      table: table,
      constraint: table + '_' + col + '_key',
    });
  });
}

function run(sql, params) {
  const text = sql.replace(/\s+/g, ' ').trim().replace(/;$/, '');
  let m;
  if ((m = /^SELECT (\*|COUNT\(\*\)) FROM (\w+)(?: WHERE (.+?))?(?: ORDER BY (\w+)( DESC)?)?(?: LIMIT (\d+))?$/i.exec(text))) {
    let rows = getTable(m[2]).filter(matcher(m[3], params)).map((r) => Object.assign({}, r));
    if (m[4]) rows.sort((a, b) => (a[m[4]] > b[m[4]] ? 1 : a[m[4]] < b[m[4]] ? -1 : 0) * (m[5] ? -1 : 1));
    if (m[6]) rows = rows.slice(0, Number(m[6]));
    if (m[1] !== '*') rows = [{ count: rows.length }];
    return { rows, rowCount: rows.length };
  }
  if ((m = /^INSERT INTO (\w+) \((.+?)\) VALUES \((.+?)\)( RETURNING \*)?$/i.exec(text))) {
    const cols = m[2].split(',');
    const vals = m[3].split(',');
    if (cols.length !== vals.length) throw new DatabaseError('INSERT has more target columns than expressions', { code: '42601' });
    const row = {};
    cols.forEach((c, i) => { row[c.trim()] = value(vals[i], params); });
    checkUnique(m[1], row);
    sequences[m[1]] = (sequences[m[1]] || 0) + 1;
    Object.assign(row, { id: sequences[m[1]], created_at: new Date().toISOString() });
    getTable(m[1]).push(row);
    return { rows: m[4] ? [Object.assign({}, row)] : [], rowCount: 1 };
  }
  if ((m = /^UPDATE (\w+) SET (.+?) WHERE (.+?)( RETURNING \*)?$/i.exec(text))) {
    const rows = getTable(m[1]).filter(matcher(m[3], params));
    rows.forEach((row) => {
      const next = Object.assign({}, row);
      m[2].split(',').forEach((s) => { next[s.split('=')[0].trim()] = value(s.split('=')[1] || '', params); });
      checkUnique(m[1], next);
      Object.assign(row, next, { updated_at: new Date().toISOString() });
    });
    return { rows: m[4] ? rows.map((r) => Object.assign({}, r)) : [], rowCount: rows.length };
  }
  if ((m = /^DELETE FROM (\w+) WHERE (.+)$/i.exec(text))) {
    const matches = matcher(m[2], params);
    const before = getTable(m[1]);
    tables[m[1]] = before.filter((r) => !matches(r));
    return { rows: [], rowCount: before.length - tables[m[1]].length };
  }
  throw syntaxError(text.split(' ')[0]);
}

// query(sql, params) -> Promise<{ rows, rowCount }>; query(sql, params, cb) like pg's Client#query
function query(sql, params, cb) {
  if (typeof params === 'function') {
    cb = params;
    params = [];
  }
  // async on purpose so ordering bugs show up locally too
  const promise = new Promise((resolve) => setImmediate(resolve)).then(() => run(String(sql), params || []));
  if (typeof cb !== 'function') return promise;
  promise.then((result) => cb(null, result), cb);
}

// seeding only (db/seed.js)
function load(table, rows) {
  rows.forEach((r) => {
    sequences[table] = (sequences[table] || 0) + 1;
    getTable(table).push(Object.assign({ id: sequences[table], created_at: new Date().toISOString() }, r));
  });
}

module.exports = { query, load, tables, DatabaseError };
