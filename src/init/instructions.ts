import type { Framework, Lang, ModuleKind } from './generate';

export interface InstructionSpec {
  framework: Framework;
  lang: Lang;
  module: ModuleKind;
  /** Specifier of the generated module relative to the project root, e.g. ./src/errors. */
  errorsModule: string;
}

function importLine(names: string[], spec: InstructionSpec): string {
  const from = `'${spec.errorsModule}'`;
  if (spec.lang === 'js' && spec.module === 'cjs') return `const { ${names.join(', ')} } = require(${from});`;
  return `import { ${names.join(', ')} } from ${from};`;
}

const STEPS: Readonly<Record<Framework, { where: string; names: string[]; code: string[] }>> = {
  express: {
    where: 'In your app, after all routes and routers (Express 4 and 5):',
    names: ['errorHandler', 'notFoundHandler'],
    code: ['app.use(notFoundHandler());', 'app.use(errorHandler());'],
  },
  koa: {
    where: 'In your app, before any other middleware:',
    names: ['errorMiddleware'],
    code: ['app.use(errorMiddleware());'],
  },
  fastify: {
    where: 'On the root Fastify instance, before app.listen():',
    names: ['errorHandler', 'notFoundHandler'],
    code: ['app.setErrorHandler(errorHandler());', 'app.setNotFoundHandler(notFoundHandler());'],
  },
  nestjs: {
    where: 'In main.ts, before app.listen() (registers the filter globally):',
    names: ['ProblemDetailsFilter'],
    code: ['app.useGlobalFilters(new ProblemDetailsFilter());'],
  },
  next: {
    where: 'Wrap each route handler (app router route.ts and pages/api both work):',
    names: ['withErrorHandler', 'NotFoundError'],
    code: [
      'export const GET = withErrorHandler(async (request) => {',
      "  throw new NotFoundError('No such order.');",
      '});',
    ],
  },
};

/** What `init` prints after writing the files: how to register the handler for the framework. */
export function registrationInstructions(spec: InstructionSpec): string {
  const step = STEPS[spec.framework];
  return [
    step.where,
    '',
    `  ${importLine(step.names, spec)}  // path from the project root: make it relative to this file`,
    ...step.code.map((line) => `  ${line}`),
    '',
    'Then throw the typed errors instead of writing error responses, e.g. `throw new NotFoundError(\'No such user.\')`;',
    "`err-codemod apply` imports them from the module recorded in err-codemod.config.json. Options: { logger } (pino, winston",
    "or console), { redact: ['email'] }, { requestIdHeader }; { debug: true } shows internals in responses, so keep it",
    'to local development.',
  ].join('\n');
}
