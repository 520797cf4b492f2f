import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../src/core/analyze-file';
import { ParseError, parseSource } from '../../src/parse/parse-source';

describe('parsing per file type', () => {
  it('parses Flow-annotated .js without an @flow header', () => {
    const code = `import type { $Request, $Response } from 'express';\nexport function show(req: $Request, res: $Response): void {\n  try { run(); } catch (err) { res.status(500).send(err.message); }\n}\n`;
    expect(analyzeSource(code, 'routes/show.js').map((f) => f.ruleId)).toEqual(['leaked-exception']);
  });

  it('parses TSX with JSX and generics, and TS with decorators and top-level await', () => {
    expect(() => parseSource('const x = <T,>(v: T) => <div>{String(v)}</div>;\n', 'view.tsx')).not.toThrow();
    expect(() => parseSource('@Controller("x") class A { @Get() f(@Req() r: any) {} }\nawait boot();\n', 'a.ts')).not.toThrow();
    expect(() => parseSource('const el = <App />;\nmodule.exports = el;\n', 'legacy.js')).not.toThrow();
  });

  it('does not accept TS syntax in a .js file silently as something else: it reports where it failed', () => {
    try {
      parseSource('const a = ;\n', 'bad.ts');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).line).toBe(1);
    }
  });
});
