import type { JSCodeshift } from 'jscodeshift';
import { AstIndex, dotted, identifierName, isCallNode, isFunctionNode, isMemberNode, memberPropertyName, chainBase, unwrapExpression, type AstNode } from './ast';
import { declarationKeyword, ImportManager, requireSpecifier, type FileStyle } from './imports';
import { isInsideErrorsModule, moduleSpecifier, moduleStyleOf, specifierDenotes, wantsExplicitExtension, type ErrorsModule } from './project';
import { EditList, indentOf, lineTerminator, nextLineStart, quoteStyle, usesSemicolons } from './text';

export interface RegisterInput {
  source: string;
  file: string;
  j: JSCodeshift;
  errorsModule: ErrorsModule;
}

export interface RegisterResult {
  output: string;
  changed: boolean;
  /** `registered`: added; `present`: the file already uses the handler; `none`: the file creates no Express app. */
  status: 'registered' | 'present' | 'none';
  line?: number;
  app?: string;
  /** Where an offset of the input is in the output. */
  mapOffset(offset: number): number;
}

const REGISTER_METHODS = new Set(['use', 'get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head', 'route', 'param']);
const ERROR_MIDDLEWARE_NAME = /err(or)?s?_?(handler|middleware)?$|^(handle|on)_?err/i;
const ERROR_REPORTER = /sentry|bugsnag|rollbar|honeybadger|airbrake|raygun|newrelic|elastic|apm|opbeat|appsignal|datadog|dd-trace|errorReporter|reportErrors?|errorLogger|logErrors?/i;

/**
 * Registers the generated `errorHandler()` in a file that creates an Express app, when the file does not use it
 * yet: after the last route (or plain middleware), before the app's own error middlewares and before `listen`.
 */
export function registerErrorHandler(input: RegisterInput): RegisterResult {
  const { source, file } = input;
  if (isInsideErrorsModule(file, input.errorsModule)) return { output: source, changed: false, status: 'none', mapOffset: same };
  const index = new AstIndex(input.j(source).get().node as AstNode);
  const apps = expressApps(index);
  if (!apps.length) return { output: source, changed: false, status: 'none', mapOffset: same };
  const module = moduleStyleOf(file, index);
  const style: FileStyle = {
    source,
    index,
    module,
    quote: quoteStyle(index, source),
    eol: lineTerminator(source),
    semi: usesSemicolons(index, source),
    declKeyword: declarationKeyword(index),
  };
  const spec = moduleSpecifier(file, input.errorsModule, wantsExplicitExtension(file, module, index));
  const imports = new ImportManager(style, (s) => specifierDenotes(file, s, input.errorsModule), spec);
  if (usesHandler(index, imports)) return { output: source, changed: false, status: 'present', mapOffset: same };

  const { decl, name } = apps[0]!;
  const list = index.parent(decl)!;
  const statements = (list.type === 'Program' || list.type === 'BlockStatement' ? list.body : []) as AstNode[];
  const from = statements.indexOf(decl);
  let anchor: AstNode = decl;
  for (const stmt of statements.slice(from + 1)) {
    const kind = classify(stmt, name, index);
    if (kind === 'route' || kind === 'reporter') anchor = stmt;
  }
  const edits = new EditList();
  const ref = imports.ref('errorHandler');
  const indent = indentOf(source, anchor.start);
  const semi = style.semi ? ';' : '';
  const at = nextLineStart(source, anchor.end);
  const line = `${indent}${name}.use(${ref}())${semi}`;
  if (at === source.length && !source.endsWith('\n')) edits.insert(at, `${style.eol}${line}`);
  else edits.insert(at, `${line}${style.eol}`);
  imports.emit(edits);
  const output = edits.apply(source);
  const offset = output.indexOf(line);
  return { output, changed: true, status: 'registered', line: output.slice(0, offset).split('\n').length, app: name, mapOffset: (o) => edits.mapOffset(o) };
}

const same = (offset: number) => offset;

/** `const app = express()` declarations (also `require('express')()`). */
function expressApps(index: AstIndex): { decl: AstNode; name: string }[] {
  const expressNames = new Set<string>();
  for (const n of index.all) {
    if (n.type === 'ImportDeclaration' && (n.source as AstNode).value === 'express') {
      for (const s of n.specifiers as AstNode[]) if (s.type !== 'ImportSpecifier') expressNames.add((s.local as AstNode).name as string);
    }
    if (n.type === 'VariableDeclarator' && (n.id as AstNode).type === 'Identifier' && requireSpecifier(n.init as AstNode) === 'express' &&
      isCallNode(unwrapExpression(n.init as AstNode)) && (unwrapExpression(n.init as AstNode)!.callee as AstNode).type === 'Identifier') {
      expressNames.add((n.id as AstNode).name as string);
    }
    if (n.type === 'TSImportEqualsDeclaration') {
      const ref = n.moduleReference as AstNode;
      if (ref.type === 'TSExternalModuleReference' && (ref.expression as AstNode).value === 'express') expressNames.add((n.id as AstNode).name as string);
    }
  }
  const apps: { decl: AstNode; name: string }[] = [];
  for (const n of index.all) {
    if (n.type !== 'VariableDeclarator' || (n.id as AstNode).type !== 'Identifier') continue;
    const init = unwrapExpression(n.init as AstNode);
    if (!init || !isCallNode(init)) continue;
    const callee = unwrapExpression(init.callee as AstNode)!;
    const isApp = (callee.type === 'Identifier' && expressNames.has(callee.name as string)) ||
      (isCallNode(callee) && requireSpecifier(callee) === 'express');
    if (!isApp) continue;
    let decl = index.parent(n)!;
    const wrapper = index.parent(decl);
    if (wrapper && /^Export(Named|Default)Declaration$/.test(wrapper.type)) decl = wrapper;
    apps.push({ decl, name: (n.id as AstNode).name as string });
  }
  return apps;
}

/** Whether a file (any file: `server.js` may register what `app.js` creates) already uses the generated handler. */
export function usesGeneratedHandler(input: RegisterInput): boolean {
  if (!/errorHandler/.test(input.source)) return false;
  const index = new AstIndex(input.j(input.source).get().node as AstNode);
  const module = moduleStyleOf(input.file, index);
  const style: FileStyle = { source: input.source, index, module, quote: 'single', eol: '\n', semi: true, declKeyword: 'const' };
  const imports = new ImportManager(style, (s) => specifierDenotes(input.file, s, input.errorsModule), '');
  return usesHandler(index, imports);
}

/** Whether the file already calls the generated `errorHandler` (imported from the errors module). */
function usesHandler(index: AstIndex, imports: ImportManager): boolean {
  if (!imports.has('errorHandler')) return false;
  const ref = imports.ref('errorHandler');
  return index.all.some((n) => isCallNode(n) && dotted(n.callee as AstNode) === ref);
}

type Registration = 'route' | 'reporter' | 'error' | 'other';

function classify(stmt: AstNode, app: string, index: AstIndex): Registration {
  if (stmt.type !== 'ExpressionStatement') return 'other';
  const expr = unwrapExpression(stmt.expression as AstNode)!;
  if (!isCallNode(expr)) return 'other';
  const callee = unwrapExpression(expr.callee as AstNode)!;
  const args = expr.arguments as AstNode[];
  if (isMemberNode(callee) && identifierName(chainBase(expr)) === app) {
    const method = memberPropertyName(callee);
    if (!method || !REGISTER_METHODS.has(method)) return 'other';
    if (method !== 'use') return 'route';
    const text = args.map((a) => argumentName(a)).join(' ');
    if (args.some((a) => isErrorMiddleware(a, index))) return ERROR_REPORTER.test(text) ? 'reporter' : 'error';
    if (ERROR_REPORTER.test(text)) return 'reporter';
    return 'route';
  }
  // routes(app), require('./routes')(app), Sentry.setupExpressErrorHandler(app)
  if (args.some((a) => identifierName(a) === app)) {
    const name = dotted(callee) ?? '';
    if (ERROR_REPORTER.test(name)) return 'reporter';
    if (ERROR_MIDDLEWARE_NAME.test(name)) return 'error';
    return 'route';
  }
  return 'other';
}

function argumentName(arg: AstNode): string {
  const n = unwrapExpression(arg)!;
  if (isCallNode(n)) return dotted(n.callee as AstNode) ?? '';
  return dotted(n) ?? '';
}

function isErrorMiddleware(arg: AstNode, index: AstIndex): boolean {
  const n = unwrapExpression(arg)!;
  if (isFunctionNode(n)) return (n.params as AstNode[]).length === 4;
  if (n.type === 'Identifier') {
    const fn = index.all.find((d) =>
      (d.type === 'FunctionDeclaration' && (d.id as AstNode | null)?.name === n.name) ||
      (d.type === 'VariableDeclarator' && (d.id as AstNode).type === 'Identifier' && (d.id as AstNode).name === n.name && isFunctionNode(unwrapExpression(d.init as AstNode))));
    if (fn) {
      const f = fn.type === 'FunctionDeclaration' ? fn : unwrapExpression(fn.init as AstNode)!;
      return (f.params as AstNode[]).length === 4;
    }
  }
  return ERROR_MIDDLEWARE_NAME.test(argumentName(arg));
}
