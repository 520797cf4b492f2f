import fs from 'node:fs';
import path from 'node:path';
import jscodeshift from 'jscodeshift';
import { afterAll, describe, expect, it } from 'vitest';
import { clearProjectCache, expressMajorFor, majorOfRange, moduleSpecifier, resolveErrorsModule } from '../../src/apply/project';
import { parserFor, rewriteSource } from '../../src/apply/rewrite';
import { quoteString } from '../../src/apply/text';
import { tempDir, writeFiles } from './helpers';

const root = tempDir('units');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

writeFiles(root, {
  'package.json': JSON.stringify({ dependencies: { express: '^4.21.0' } }),
  'src/errors/index.ts': 'export {};\n',
  'packages/api/package.json': JSON.stringify({ name: 'api' }),
  'packages/api-v5/package.json': JSON.stringify({ dependencies: { express: 'npm:express@^5.1.0' } }),
  'esm/package.json': JSON.stringify({ type: 'module' }),
  'esm/errors/index.mjs': 'export {};\n',
});

function rewrite(rel: string, source: string) {
  clearProjectCache();
  const file = path.join(root, rel);
  return rewriteSource({ source, file, j: jscodeshift.withParser(parserFor(file)), errorsModule: resolveErrorsModule('./src/errors', root) });
}

describe('project facts', () => {
  it('reads the Express major version of a range', () => {
    expect(majorOfRange('^4.17.1')).toBe(4);
    expect(majorOfRange('~5.0.0')).toBe(5);
    expect(majorOfRange('>=4.18 <6')).toBe(4);
    expect(majorOfRange('npm:express@^5.1.0')).toBe(5);
    expect(majorOfRange('latest')).toBe(5);
    expect(majorOfRange('github:expressjs/express')).toBeNull();
  });

  it('takes the nearest package.json that depends on express', () => {
    clearProjectCache();
    expect(expressMajorFor(path.join(root, 'packages/api/src/app.js'))).toBe(4);
    expect(expressMajorFor(path.join(root, 'packages/api-v5/src/app.js'))).toBe(5);
    const bare = tempDir('bare');
    expect(expressMajorFor(path.join(bare, 'app.js'))).toBe(4);
    fs.rmSync(bare, { recursive: true, force: true });
  });

  it('writes the import specifier each file needs', () => {
    const dir = resolveErrorsModule('./src/errors', root);
    expect(dir.file).toBe(path.join(root, 'src/errors/index.ts'));
    expect(moduleSpecifier(path.join(root, 'src/routes/users.js'), dir, false)).toBe('../errors');
    expect(moduleSpecifier(path.join(root, 'src/routes/users.ts'), dir, true)).toBe('../errors/index.js');
    expect(moduleSpecifier(path.join(root, 'src/app.ts'), dir, false)).toBe('./errors');
    // what `init` records for ES modules: the .js path of a TypeScript source
    const esmTs = resolveErrorsModule('./src/errors/index.js', root);
    expect(esmTs.file).toBe(path.join(root, 'src/errors/index.ts'));
    expect(moduleSpecifier(path.join(root, 'src/routes/users.ts'), esmTs, false)).toBe('../errors');
    const mjs = resolveErrorsModule('./esm/errors/index.mjs', root);
    expect(moduleSpecifier(path.join(root, 'esm/routes/a.js'), mjs, false)).toBe('../errors/index.mjs');
  });

  it('quotes strings in the file\'s style', () => {
    expect(quoteString("Can't find \"it\"", 'single')).toBe("'Can\\'t find \"it\"'");
    expect(quoteString("Can't find \"it\"", 'double')).toBe('"Can\'t find \\"it\\""');
  });
});

const CATCH = (imports: string) => `'use strict';
${imports}
const express = require('express');
const router = express.Router();

router.get('/a', async (req, res, next) => {
  try {
    res.json(await load());
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

module.exports = router;
`;

describe('imports', () => {
  it('adds to the require the file already has, never a second one', () => {
    const out = rewrite('src/routes/a.js', CATCH("const { NotFoundError } = require('../errors');")).output;
    expect(out).toContain("const { NotFoundError, InternalError } = require('../errors');");
    expect(out.match(/require\('\.\.\/errors'\)/g)).toHaveLength(1);
  });

  it('uses a namespace import as it is', () => {
    const out = rewrite('src/routes/a.js', CATCH("const errors = require('../errors');")).output;
    expect(out).toContain('return next(new errors.InternalError(undefined, { cause: err }));');
    expect(out.match(/require\('\.\.\/errors'\)/g)).toHaveLength(1);
  });

  it('aliases a class the file already declares', () => {
    const out = rewrite('src/routes/a.js', CATCH('class InternalError extends Error {}')).output;
    expect(out).toContain("const { InternalError: HttpInternalError } = require('../errors');");
    expect(out).toContain('return next(new HttpInternalError(undefined, { cause: err }));');
  });

  it('adds a name to a multi-line ES import on its own line', () => {
    const source = `import {
  NotFoundError,
  ConflictError,
} from '../errors';
import { Router } from 'express';

export const router = Router();
router.get('/a', (req, res) => {
  load().catch((err) => res.status(500).send(err.stack));
});
`;
    const out = rewrite('src/routes/a.ts', source).output;
    expect(out).toContain("import {\n  NotFoundError,\n  ConflictError,\n  InternalError,\n} from '../errors';");
  });
});

describe('throw or next', () => {
  it('uses next inside a try block, whatever the Express version (a throw would land in the local catch)', () => {
    const source = `import { Router } from 'express';
export const r = Router();
r.get('/u/:id', (req, res) => {
  try {
    const user = find(req.params.id);
    if (!user) {
      return res.status(500).json({ error: 'User not found' });
    }
    res.json(user);
  } catch (err) {
    res.status(500).json({ error: String(err) });
  }
});
`;
    const out = rewrite('packages/api-v5/src/u.ts', source).output;
    expect(out).toContain("r.get('/u/:id', (req, res, next) => {");
    expect(out).toContain("return next(new NotFoundError('User not found'));");
    expect(out).toContain('throw new InternalError(undefined, { cause: err });');
  });

  it('keeps the flow when code follows the response: next without return', () => {
    const source = `const express = require('express');
const router = express.Router();
router.post('/import', async (req, res) => {
  const client = await pool.connect();
  try {
    await client.query(req.body.sql);
    res.sendStatus(204);
  } catch (err) {
    res.status(500).send(err.message);
  }
  client.release();
});
`;
    const out = rewrite('src/routes/b.js', source).output;
    expect(out).toContain('    next(new InternalError(undefined, { cause: err }));\n  }\n  client.release();');
  });

  it('leaves a helper that is passed around as a value', () => {
    const source = `const express = require('express');
const router = express.Router();
function fail(res, err) {
  res.status(500).json({ error: err.message });
}
router.get('/', (req, res) => {
  load().then((rows) => res.json(rows), fail.bind(null, res));
});
module.exports = router;
`;
    const result = rewrite('src/routes/c.js', source);
    expect(result.output).toBe(source);
    expect(result.sites[0]).toMatchObject({ action: 'manual', reason: expect.stringContaining('used as a value') });
  });
});
