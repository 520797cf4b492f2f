import { parse, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';

export class ParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ParseError';
  }
}

const COMMON_PLUGINS: ParserPlugin[] = [
  'decorators-legacy',
  'classProperties',
  'classPrivateProperties',
  'classPrivateMethods',
  'classStaticBlock',
  'dynamicImport',
  'exportDefaultFrom',
  'importAttributes',
  'topLevelAwait',
  'optionalChaining',
  'nullishCoalescingOperator',
  'objectRestSpread',
];

type Dialect = 'ts' | 'tsx' | 'js' | 'flow';

export function dialectsFor(filename: string): Dialect[] {
  if (/\.(ts|mts|cts)$/i.test(filename)) return ['ts'];
  if (/\.tsx$/i.test(filename)) return ['tsx'];
  // Plain JS first; legacy .js files often carry Flow annotations without an @flow header.
  return ['js', 'flow'];
}

function pluginsFor(dialect: Dialect): ParserPlugin[] {
  switch (dialect) {
    case 'ts':
      return ['typescript', ...COMMON_PLUGINS];
    case 'tsx':
      return [['typescript', {}], 'jsx', ...COMMON_PLUGINS];
    case 'js':
      return ['jsx', ...COMMON_PLUGINS];
    case 'flow':
      return [['flow', { all: true, enums: true } as { all: boolean }], 'jsx', ...COMMON_PLUGINS];
  }
}

function parseWith(code: string, filename: string, dialect: Dialect): File {
  return parse(code, {
    sourceType: /\.(cjs|cts)$/i.test(filename) ? 'script' : 'unambiguous',
    sourceFilename: filename,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowUndeclaredExports: true,
    errorRecovery: false,
    // comments stay in `file.comments` (suppressions read them there); attaching them to nodes is wasted work
    attachComment: false,
    plugins: pluginsFor(dialect),
  }) as unknown as File;
}

/** Parses a source file with the plugins its extension calls for; throws ParseError with a position. */
export function parseSource(code: string, filename: string): File {
  const dialects = dialectsFor(filename);
  let first: unknown;
  for (const dialect of dialects) {
    try {
      return parseWith(code, filename, dialect);
    } catch (error) {
      first ??= error;
    }
  }
  const e = first as { message?: string; loc?: { line: number; column: number } };
  const message = (e?.message ?? String(first)).replace(/\s*\(\d+:\d+\)$/, '');
  throw new ParseError(message, e?.loc?.line, e?.loc ? e.loc.column + 1 : undefined);
}
