import { describe, expect, test } from 'vitest';
import { enclosingChain, normalizeCode } from '../../src/gate/fingerprint';
import { parseSource } from '../../src/parse/parse-source';

/** The chain around the first occurrence of `marker` in `code`. */
function chainAt(code: string, marker = 'SITE()'): string {
  const start = code.indexOf(marker);
  return enclosingChain(parseSource(code, 'x.ts'), start, start + marker.length);
}

describe('fingerprint inputs', () => {
  test('normalizeCode ignores layout, quote style and trailing commas, not content', () => {
    expect(normalizeCode("res\n  .status(500)\n  .json({\n    error: err.message,\n  })")).toBe(normalizeCode('res.status(500).json({ error: err.message })'));
    expect(normalizeCode('res.send("x")')).toBe(normalizeCode("res.send('x')"));
    expect(normalizeCode('res.json({ error: err.message })')).not.toBe(normalizeCode('res.json({ error: err.stack })'));
  });

  test('functions are named by what identifies them in the source, not by their bodies', () => {
    expect(chainAt("router.get('/users/:id', async (req, res) => { await x(); SITE(); });")).toBe("router.get('/users/:id')");
    expect(chainAt("router.get('/a', wrap(async (req, res) => { SITE(); }));")).toBe("router.get('/a') ← wrap()");
    expect(chainAt("db.query('q', [1]).then(function (r) { big(); body(); }).catch(function (err) { SITE(); });")).toBe('db.query().then().catch()');
    expect(chainAt('class Users { async get(req, res) { SITE(); } }')).toBe('class Users > get');
    expect(chainAt('exports.list = async (req, res) => { SITE(); };')).toBe('exports.list');
    expect(chainAt('const handler = { async onError(e) { SITE(); } };')).toBe('onError');
    expect(chainAt('function outer() { return function inner() { SITE(); }; }')).toBe('outer > inner');
    expect(chainAt('SITE();')).toBe('<module>');
  });

  test('an edit inside the function body leaves the chain alone', () => {
    const before = "router.get('/x', (req, res) => { SITE(); });";
    const after = "router.get('/x', (req, res) => {\n  const started = Date.now();\n  log(started);\n  SITE();\n});";
    expect(chainAt(after)).toBe(chainAt(before));
  });
});
