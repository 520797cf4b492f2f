import type * as t from '@babel/types';
import { describe, expect, it } from 'vitest';
import { linkParents, parentOf, walk, type Node } from '../../src/core/ast';
import { activeModels, buildFileModel, collectFacts } from '../../src/core/file-model';
import { FRAMEWORKS } from '../../src/frameworks';
import { parseSource } from '../../src/parse/parse-source';

// An ESM controller: no require() or import() in its text, so the analysis links parents during the model walk.
const CONTROLLER = `
import { Router } from 'express';
import { findOrder } from '../services/orders';

export const router = Router();

router.get('/orders/:id', async (req, res) => {
  try {
    const order = await findOrder(req.params.id);
    res.json(order);
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});
`;

function programOf(code: string): t.Program {
  return parseSource(code, 'src/routes/orders.ts').program as t.Program;
}

/** Every node's parent, as a full linking walk sets it. */
function expectedParents(code: string): (string | null)[] {
  const program = programOf(code);
  linkParents(program as Node);
  return nodesOf(program).map((n) => parentOf(n)?.type ?? null);
}

function nodesOf(program: t.Program): Node[] {
  const out: Node[] = [];
  walk(program as Node, (n) => {
    out.push(n);
  });
  return out;
}

describe('parent links of a file without require()', () => {
  it('are all set once the file model is built, as a linking walk sets them', () => {
    const program = programOf(CONTROLLER);
    const facts = collectFacts(program, CONTROLLER);
    const models = activeModels(FRAMEWORKS, facts);
    const model = buildFileModel(program, facts, models);
    expect(model.sites.length).toBe(2);
    expect(nodesOf(program).map((n) => parentOf(n)?.type ?? null)).toEqual(expectedParents(CONTROLLER));
  });

  it('are there for a node the model walk has not reached yet', () => {
    const program = programOf(CONTROLLER);
    collectFacts(program, CONTROLLER);
    const message = nodesOf(program).find((n) => n.type === 'Identifier' && n.name === 'message')!;
    expect(parentOf(message)?.type).toBe('MemberExpression');
    expect(nodesOf(program).map((n) => parentOf(n)?.type ?? null)).toEqual(expectedParents(CONTROLLER));
  });
});

/** Imports and imported names as a full walk finds them (no text given: no shortcut). */
function factsOf(code: string, text?: string) {
  const facts = collectFacts(programOf(code), text);
  return { imports: [...facts.imports].sort(), importedNames: Object.fromEntries([...facts.importedNames].sort()) };
}

describe('imports of a CommonJS file', () => {
  const TOP_LEVEL = `
const express = require('express');
const { getErrorMessage, toApiError: apiError } = require('../utils/errors');
const db = require('../db').pool;
require('dotenv').config();

const router = express.Router();
router.get('/users/:id', async (req, res) => {
  try {
    res.json(await db.query('select * from users where id = $1', [req.params.id]));
  } catch (err) {
    res.status(500).json({ error: getErrorMessage(err), detail: apiError(err) });
  }
});
module.exports = router;
`;

  it('are found without walking into functions when every require is at the top level', () => {
    const expected = factsOf(TOP_LEVEL);
    expect(expected.imports).toEqual(['../db', '../utils/errors', 'dotenv', 'express']);
    expect(expected.importedNames).toMatchObject({ getErrorMessage: '../utils/errors#getErrorMessage', apiError: '../utils/errors#toApiError', express: 'express' });
    expect(factsOf(TOP_LEVEL, TOP_LEVEL)).toEqual(expected);
  });

  it('include a require inside a handler, and parents stay right', () => {
    const code = TOP_LEVEL.replace("res.status(500)", "const { describe } = require('../utils/describe');\n    res.status(500)");
    const facts = factsOf(code, code);
    expect(facts.imports).toContain('../utils/describe');
    expect(facts.importedNames.describe).toBe('../utils/describe#describe');
    const program = programOf(code);
    collectFacts(program, code);
    expect(nodesOf(program).map((n) => parentOf(n)?.type ?? null)).toEqual(expectedParents(code));
  });

  it('are the same when comments and strings say "require"', () => {
    const code = `// we require auth on every route below\n${TOP_LEVEL}\nconst note = 'require a token';\n`;
    expect(factsOf(code, code)).toEqual(factsOf(code));
  });
});
