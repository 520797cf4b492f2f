// The TypeScript output compiles in user projects under the strictest settings people use, and its handlers
// fit the frameworks' own types (app.use, setErrorHandler, useGlobalFilters, Next route exports, pino).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, expect, test } from 'vitest';
import { FRAMEWORKS, runInit, type Framework } from '../../src/init';
import { makeProject, removeProjects } from './helpers/generated';

afterAll(() => removeProjects());

const USAGE: Record<Framework, string> = {
  express: `
import express from 'express';
import pino from 'pino';
import { errorHandler, notFoundHandler, NotFoundError, ValidationError, toProblem, type HandlerOptions } from 'ERRORS';

const app = express();
app.get('/users/:id', (req, _res, next) => next(new NotFoundError(\`No user \${req.params['id'] ?? ''}\`)));
app.use(notFoundHandler());
app.use(errorHandler({ logger: pino(), redact: ['email'] }));
export const options: HandlerOptions = { debug: false, requestIdHeader: 'X-Correlation-Id', logger: console };
const problem = toProblem(new ValidationError('Bad order.', { errors: [{ field: 'qty', message: 'too big' }] }), { requestId: 'r1' });
export const status: number = problem.status;
export const detail: string | undefined = problem.body.detail;
export { app };
`,
  koa: `
import Koa from 'koa';
import { errorMiddleware, RateLimitedError } from 'ERRORS';

const app = new Koa();
app.use(errorMiddleware({ debug: false }));
app.use(async (ctx) => {
  if (ctx.path === '/slow') throw new RateLimitedError('Slow down.', { retryAfter: 10 });
  ctx.body = 'ok';
});
export { app };
`,
  fastify: `
import Fastify from 'fastify';
import { errorHandler, notFoundHandler, UpstreamError } from 'ERRORS';

const app = Fastify({ logger: true });
app.setErrorHandler(errorHandler({ logger: app.log }));
app.setNotFoundHandler(notFoundHandler());
app.get('/pay', async () => {
  throw new UpstreamError('payments down', { service: 'payments', cause: new Error('ECONNRESET') });
});
export { app };
`,
  nestjs: `
import { NestFactory } from '@nestjs/core';
import { ProblemDetailsFilter, ForbiddenError, isHttpError } from 'ERRORS';

class AppModule {}
export async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  app.useGlobalFilters(new ProblemDetailsFilter({ redact: ['ssn'] }));
  await app.listen(3000);
}
export const forbidden: boolean = isHttpError(new ForbiddenError('Admins only.'));
`,
  next: `
import type { IncomingMessage, ServerResponse } from 'node:http';
import { withErrorHandler, NotFoundError, ConflictError } from 'ERRORS';

// app router: app/api/orders/[id]/route.ts
export const GET = withErrorHandler(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  if (id === '0') throw new NotFoundError('No such order.');
  return new Response(JSON.stringify({ id, url: request.url }), { headers: { 'content-type': 'application/json' } });
});
export const POST = withErrorHandler(async () => {
  throw new ConflictError('Order already placed.');
});

// pages router: pages/api/orders.ts (NextApiRequest / NextApiResponse are these, structurally)
type NextApiRequest = IncomingMessage & { query: Partial<Record<string, string | string[]>>; body: unknown };
type NextApiResponse = ServerResponse & { status(code: number): NextApiResponse; json(body: unknown): void };
export default withErrorHandler(async (req: NextApiRequest, res: NextApiResponse) => {
  res.status(200).json({ query: req.query });
});
`,
};

const STRICT: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noFallthroughCasesInSwitch: true,
  useUnknownInCatchVariables: true,
  isolatedModules: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
};

function project(type: 'commonjs' | 'module', module: 'cjs' | 'esm', frameworks: readonly Framework[] = FRAMEWORKS): { dir: string; files: string[] } {
  const dir = makeProject({ type });
  const files: string[] = [];
  for (const framework of frameworks) {
    const out = `src/${framework}-errors`;
    runInit({ cwd: dir, framework, lang: 'ts', module, out });
    const specifier = module === 'esm' ? `./${framework}-errors/index.js` : `./${framework}-errors`;
    const usage = path.join(dir, 'src', `${framework}-app.ts`);
    fs.writeFileSync(usage, USAGE[framework].replace('ERRORS', specifier));
    files.push(usage, ...fs.readdirSync(path.join(dir, out)).map((f) => path.join(dir, out, f)));
  }
  return { dir, files };
}

function diagnostics(files: string[], options: ts.CompilerOptions): string[] {
  const program = ts.createProgram(files, options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

test('TypeScript output (CommonJS and ESM projects) compiles with strict node16 settings and an ES2021 lib', () => {
  const cjs = project('commonjs', 'cjs');
  const esm = project('module', 'esm');
  const errors = diagnostics([...cjs.files, ...esm.files], {
    ...STRICT,
    target: ts.ScriptTarget.ES2021,
    lib: ['lib.es2021.d.ts'],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
  });
  expect(errors).toEqual([]);
}, 60_000);

test('TypeScript output compiles with bundler resolution and the DOM lib (Next.js, Vite)', () => {
  const cjs = project('commonjs', 'cjs', ['next', 'express']);
  const errors = diagnostics(cjs.files, {
    ...STRICT,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  expect(errors).toEqual([]);
}, 60_000);
