import path from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
import { analyzeSource, type AnalyzeFileOptions } from '../core/analyze-file';
import type { Finding, FixPlan, RuleId } from '../core/types';
import {
  AstIndex,
  chainBase,
  dotted,
  identifierName,
  isCallNode,
  isFunctionNode,
  isMemberNode,
  memberPropertyName,
  paramIdentifier,
  patternNames,
  referencesTo,
  unwrapExpression,
  type AstNode,
} from './ast';
import { declarationKeyword, ImportManager, type FileStyle } from './imports';
import {
  expressMajorFor,
  isInsideErrorsModule,
  moduleSpecifier,
  moduleStyleOf,
  specifierDenotes,
  wantsExplicitExtension,
  type ErrorsModule,
} from './project';
import { EditList, endsWithSemicolon, indentOf, lineTerminator, quoteString, quoteStyle, usesSemicolons } from './text';
import type { CallerOutcome, CallerTask, ExportedHelper, SiteOutcome } from './types';

/** Which plan wins when several rules report the same site: the most specific hand-off first. */
export const RULE_PRIORITY: readonly RuleId[] = [
  'leaked-downstream',
  'leaked-exception',
  'client-error-as-500',
  'auth-status-mismatch',
  'bare-500',
  'error-in-2xx',
  'account-enumeration',
];

/** Rules whose findings can carry a fix plan (one jscodeshift transform each). */
export const FIXABLE_RULES: readonly RuleId[] = [
  'leaked-exception',
  'leaked-downstream',
  'error-in-2xx',
  'bare-500',
  'client-error-as-500',
  'auth-status-mismatch',
];

export interface RewriteInput {
  source: string;
  /** Absolute path of the file (package.json lookup, relative imports, parser choice). */
  file: string;
  /** Path used in findings (relative to the cwd); defaults to `file`. */
  displayPath?: string;
  j: JSCodeshift;
  /** Findings of `analyzeSource` for this exact source; computed when absent. */
  findings?: Finding[];
  /** Only these rules' findings are rewritten (all when absent). */
  rules?: readonly RuleId[];
  analyzeOptions?: AnalyzeFileOptions;
  errorsModule: ErrorsModule;
  /** Overrides the Express major version read from package.json. */
  expressMajor?: number;
  /** Exported helpers (by function offset) whose callers in other files get `next` too. */
  exportedHelpersAllowed?: ReadonlySet<number>;
  /** Calls to other files' helpers that must pass `next`. */
  callerTasks?: readonly CallerTask[];
}

export interface RewriteResult {
  output: string;
  changed: boolean;
  sites: SiteOutcome[];
  /** Exported helpers this file would rewrite if their callers elsewhere can pass `next`. */
  exportedHelpers: ExportedHelper[];
  callers: CallerOutcome[];
  /** Where an offset of the original text (outside the rewritten sites) is in the output. */
  mapOffset(offset: number): number;
}

class ManualReview extends Error {}

const MESSAGE_KEYS = ['error', 'message', 'msg', 'errorMessage', 'error_message', 'err', 'reason', 'detail', 'description', 'title'];
const DATA_KEYS = /^(data|result|results|items|rows|records|payload|partial|partialResults|list|entries)$/;
const STREAM_METHODS = new Set(['write', 'writeHead', 'flushHeaders', 'writeContinue', 'writeProcessing', 'cork']);
const NEXT_NAME = /^(next|done|cb|callback)$/;
/** Frameworks whose error handler catches what a handler throws (the generated module has an adapter for each). */
const THROWING_FRAMEWORKS = new Set(['koa', 'fastify', 'nestjs', 'next']);

interface HandlerInfo {
  fn: AstNode;
  kind: 'route' | 'error-middleware' | 'helper';
  resIndex: number;
  resName: string;
}

interface HelperInfo {
  fn: AstNode;
  name: string;
  /** Same-file calls of the helper. */
  calls: AstNode[];
  exportName: string | null;
  resIndex: number;
  nextIndex: number;
}

function literalText(node: AstNode | null | undefined): string | null {
  const n = unwrapExpression(node);
  if (!n) return null;
  if (n.type === 'StringLiteral') return n.value as string;
  if (n.type === 'TemplateLiteral') {
    const quasis = (n.quasis as AstNode[]).map((q) => (q.value as { cooked?: string; raw: string }).cooked ?? (q.value as { raw: string }).raw);
    if (!(n.expressions as unknown[]).length) return quasis.join('');
    return quasis.join(' ').trim() || null;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const parts = [literalText(n.left as AstNode), literalText(n.right as AstNode)].filter((x): x is string => !!x);
    return parts.length ? parts.join(' ') : null;
  }
  return null;
}

export class FileRewriter {
  readonly index: AstIndex;
  readonly style: FileStyle;
  readonly edits = new EditList();
  readonly errors: ImportManager;
  private expressTypes: ImportManager | null = null;
  private readonly addedNext = new Map<AstNode, string>();
  private readonly addedParams = new Set<AstNode>();
  private readonly helperDone = new Map<AstNode, HelperInfo>();
  /** Ranges replaced by rewritten sites. */
  private readonly replaced: [number, number][] = [];
  private readonly isTs: boolean;
  readonly exportedHelpers: ExportedHelper[] = [];

  constructor(private readonly input: RewriteInput) {
    const root = input.j(input.source);
    this.index = new AstIndex(root.get().node as AstNode);
    const module = moduleStyleOf(input.file, this.index);
    this.style = {
      source: input.source,
      index: this.index,
      module,
      quote: quoteStyle(this.index, input.source),
      eol: lineTerminator(input.source),
      semi: usesSemicolons(this.index, input.source),
      declKeyword: declarationKeyword(this.index),
    };
    const explicit = wantsExplicitExtension(input.file, module, this.index);
    const spec = moduleSpecifier(input.file, input.errorsModule, explicit);
    this.errors = new ImportManager(this.style, (s) => specifierDenotes(input.file, s, input.errorsModule), spec);
    this.isTs = /\.(ts|tsx|mts|cts)$/i.test(input.file);
  }

  get source(): string {
    return this.input.source;
  }

  run(): RewriteResult {
    const { input } = this;
    const outcomes: SiteOutcome[] = [];
    if (isInsideErrorsModule(input.file, input.errorsModule)) return this.result(outcomes, []);
    let findings = input.findings ?? analyzeSource(input.source, input.displayPath ?? input.file, input.analyzeOptions);
    if (input.rules) findings = findings.filter((f) => input.rules!.includes(f.ruleId));
    const groups = new Map<string, Finding[]>();
    for (const f of findings) {
      const key = `${f.range.start}:${f.range.end}`;
      const g = groups.get(key);
      if (g) g.push(f);
      else groups.set(key, [f]);
    }
    const ordered = [...groups.values()].sort((a, b) => a[0]!.range.start - b[0]!.range.start);
    for (const group of ordered) outcomes.push(this.rewriteGroup(group));
    const callers = (input.callerTasks ?? []).map((task) => this.rewriteCaller(task));
    return this.result(outcomes, callers);
  }

  private result(sites: SiteOutcome[], callers: CallerOutcome[]): RewriteResult {
    this.errors.emit(this.edits);
    this.expressTypes?.emit(this.edits);
    const output = this.edits.size ? this.edits.apply(this.input.source) : this.input.source;
    const edits = this.edits;
    return { output, changed: output !== this.input.source, sites, exportedHelpers: this.exportedHelpers, callers, mapOffset: (o) => edits.mapOffset(o) };
  }

  private rewriteGroup(group: Finding[]): SiteOutcome {
    const sorted = [...group].sort((a, b) => RULE_PRIORITY.indexOf(a.ruleId) - RULE_PRIORITY.indexOf(b.ruleId));
    const chosen = sorted.find((f) => f.fix) ?? sorted[0]!;
    const outcome: SiteOutcome = {
      ruleId: chosen.ruleId,
      alsoRules: [...new Set(sorted.map((f) => f.ruleId).filter((r) => r !== chosen.ruleId))],
      line: chosen.line,
      column: chosen.column,
      start: chosen.range.start,
      action: 'manual',
    };
    const call = this.index.at(chosen.range.start, chosen.range.end, ['CallExpression', 'OptionalCallExpression', 'AssignmentExpression']);
    if (!chosen.fix) {
      outcome.reason = this.noPlanReason(sorted, call);
      return outcome;
    }
    outcome.plan = chosen.fix;
    const site = call ?? this.index.at(chosen.range.start, chosen.range.end, ['NewExpression']);
    if (!site) {
      outcome.reason = 'the site was not found in the parsed file';
      return outcome;
    }
    const host = this.replaced.find(([a, b]) => site.start >= a && site.end <= b);
    if (host) {
      // `ctx.status = 500` reported on its own but already replaced along with the send before it
      outcome.action = 'rewritten';
      return outcome;
    }
    const rollback = this.checkpoint();
    try {
      outcome.emitted = this.rewriteSite(site, chosen.fix, chosen.framework);
      outcome.action = 'rewritten';
    } catch (error) {
      if (!(error instanceof ManualReview)) throw error;
      rollback();
      outcome.reason = error.message;
    }
    return outcome;
  }

  // Edits of a site are all-or-nothing: a site that turns out to need manual review leaves no partial edit behind.
  private checkpoint(): () => void {
    const edits = this.edits.mark();
    const next = new Map(this.addedNext);
    const params = new Set(this.addedParams);
    const helpers = new Map(this.helperDone);
    const replaced = this.replaced.length;
    const restoreErrors = this.errors.snapshot();
    const restoreTypes = this.expressTypes?.snapshot();
    const hadTypes = !!this.expressTypes;
    return () => {
      this.edits.reset(edits);
      this.replaced.length = replaced;
      this.addedNext.clear();
      for (const [k, v] of next) this.addedNext.set(k, v);
      this.addedParams.clear();
      for (const p of params) this.addedParams.add(p);
      this.helperDone.clear();
      for (const [k, v] of helpers) this.helperDone.set(k, v);
      restoreErrors();
      if (restoreTypes) restoreTypes();
      else if (!hadTypes) this.expressTypes = null;
    };
  }

  private noPlanReason(findings: Finding[], call: AstNode | null): string {
    if (findings.every((f) => f.ruleId === 'account-enumeration')) {
      return 'answer an unknown account and a wrong secret the same way (same status and message): that needs a decision on the wording';
    }
    if (call && isCallNode(call)) {
      const callee = unwrapExpression(call.callee as AstNode);
      const method = callee && isMemberNode(callee) ? memberPropertyName(callee) : null;
      if (method && /^(set|header|setHeader|append|appendHeader)$/.test(method)) {
        return 'the error reaches a response header: remove the header by hand (the handler logs the error once it is handed on)';
      }
      if (method === 'write' || method === 'pipe') return 'streaming response: part of the body may already be sent';
      const parent = this.index.parent(call);
      if (method && /^(json|send|end|sendStatus|jsonp|render)$/.test(method) && parent && parent.type !== 'ExpressionStatement' &&
        parent.type !== 'ReturnStatement' && !(parent.type === 'ArrowFunctionExpression' && parent.body === call)) {
        return 'the response is part of a larger expression';
      }
    }
    return 'the analyzer has no fix plan for this site: fix it by hand';
  }

  /**
   * Rewrites one site (a send call, a `ctx.body =` assignment, or the `new X()` of a `throw`); returns how the error is
   * handed on. Throws ManualReview when it cannot be done safely.
   */
  private rewriteSite(call: AstNode, plan: FixPlan, framework: string): 'throw' | 'return-next' | 'next' | 'removed' {
    if (plan.kind === 'remove') return this.removeStatement(call);
    if (framework === 'node-http') throw new ManualReview('node:http server: there is no error handler to hand the error to');
    if (!THROWING_FRAMEWORKS.has(framework) && framework !== 'express') throw new ManualReview(`no generated error handler for ${framework}`);
    const parent = this.index.parent(call)!;
    if (parent.type === 'ThrowStatement' && parent.argument === call) {
      // Already thrown (`throw new InternalServerErrorException(err.message)`): only the error changes.
      const expr = this.errorExpression(call, plan, plan.cause);
      if (this.edits.overlaps(call.start, call.end)) throw new ManualReview('overlaps another rewritten site');
      this.edits.add(call.start, call.end, expr);
      return 'throw';
    }
    const form: 'stmt' | 'return' | 'arrow' =
      parent.type === 'ExpressionStatement' ? 'stmt' : parent.type === 'ReturnStatement' ? 'return' : parent.type === 'ArrowFunctionExpression' && parent.body === call ? 'arrow' : (() => {
        throw new ManualReview('the response is part of a larger expression');
      })();
    const handler = this.handlerOf(call, framework, plan.response);
    this.checkSafety(call, handler, plan);

    const fn0 = this.index.enclosingFunction(call)!;
    const stmt = form === 'arrow' ? call : parent;
    // `ctx.body = {...}; ctx.status = 500;`: status setters right after the send belong to it and go with it.
    const absorbed = form === 'stmt' ? this.trailingSetters(stmt, handler.resName) : [];
    const lastStmt = absorbed[absorbed.length - 1] ?? stmt;
    const exits = form !== 'stmt' || this.isTerminal(lastStmt, fn0);
    let emitted: 'throw' | 'return-next' | 'next';
    if (framework !== 'express') {
      // Koa, Fastify, NestJS, wrapped Next.js handlers: their error handler catches what the handler throws.
      if (fn0 !== handler.fn) throw new ManualReview('a throw in this callback would not reach the framework\'s error handler');
      if (!exits) throw new ManualReview('code after this response would no longer run once it throws');
      if (this.insideTry(call, handler.fn)) throw new ManualReview('a throw here would be caught by the enclosing try block');
      if (framework === 'next' && !this.wrappedForNext(handler.fn)) throw new ManualReview('wrap the handler with withErrorHandler() first: a throw would reach Next.js\'s default error page');
      emitted = 'throw';
    } else if (handler.kind === 'helper') {
      emitted = exits && form !== 'arrow' ? 'return-next' : 'next';
    } else {
      const direct = fn0 === handler.fn;
      const major = this.input.expressMajor ?? expressMajorFor(this.input.file);
      const throwReaches = direct && !this.insideTry(call, handler.fn) && (!handler.fn.async || major >= 5) && !handler.fn.generator;
      emitted = exits && throwReaches ? 'throw' : exits && form !== 'arrow' ? 'return-next' : 'next';
    }

    let cause = plan.cause;
    if (!cause && plan.kind === 'replace') cause = this.addCatchParam(fn0);
    const errorExpr = this.errorExpression(call, plan, cause);
    let nextName = '';
    if (emitted !== 'throw') nextName = handler.kind === 'helper' ? this.helperNext(handler) : this.ensureNext(handler, call);

    const semi = form === 'arrow' ? '' : endsWithSemicolon(this.source, stmt.start, stmt.end) ? ';' : '';
    let text: string;
    if (emitted === 'throw') text = form === 'arrow' ? `{ throw ${errorExpr}; }` : `throw ${errorExpr}${semi}`;
    else if (emitted === 'return-next') text = `return ${nextName}(${errorExpr})${semi}`;
    else text = `${nextName}(${errorExpr})${semi}`;

    let start = stmt.start;
    let end = lastStmt.end;
    if (form === 'arrow' && emitted === 'throw') [start, end] = this.parenthesizedRange(call);
    // `res.status(500);` just before the send only served it: it goes too (the handler sets the status).
    const setter = form === 'arrow' ? null : this.precedingStatusSetter(stmt, handler.resName);
    if (setter) start = setter.start;
    const bareReturn = form === 'stmt' && emitted !== 'next' ? this.followingBareReturn(lastStmt) : null;
    if (bareReturn) end = bareReturn.end;
    // Comments inside what is replaced are kept, above the new statement (a trailing one stays at the end).
    const trailing = form === 'arrow' ? null : this.index.comments.find((c) => c.start >= stmt.end && c.end <= end && !this.source.slice(stmt.end, c.start).includes('\n'));
    const comments = this.index.commentsWithin(start, end).filter((c) => c !== trailing).map((c) => this.source.slice(c.start, c.end));
    if (comments.length) {
      if (form === 'arrow') {
        const inline = comments.map((c) => (c.startsWith('//') ? `/*${c.slice(2)} */` : c)).join(' ');
        text = `${inline} ${text}`;
      } else {
        const indent = indentOf(this.source, start);
        text = comments.map((c) => c + this.style.eol + indent).join('') + text;
      }
    }
    if (trailing) {
      // `res.json(...); // note` followed by absorbed statements: keep the note on the new line.
      text += ` ${this.source.slice(trailing.start, trailing.end)}`;
      if (trailing.end > end) end = trailing.end;
    }
    if (this.edits.overlaps(start, end)) throw new ManualReview('overlaps another rewritten site');
    this.edits.add(start, end, text);
    this.replaced.push([start, end]);
    return emitted;
  }

  /** Status/type setters on the same response right after `stmt` (`ctx.status = 500;`, `res.status(500);`). */
  private trailingSetters(stmt: AstNode, resName: string): AstNode[] {
    const block = this.index.parent(stmt);
    if (!block || block.type !== 'BlockStatement') return [];
    const body = block.body as AstNode[];
    const out: AstNode[] = [];
    for (let i = body.indexOf(stmt) + 1; i < body.length; i++) {
      if (!this.isStatusSetter(body[i]!, resName)) break;
      out.push(body[i]!);
    }
    return out;
  }

  private isStatusSetter(stmt: AstNode, resName: string): boolean {
    if (stmt.type !== 'ExpressionStatement') return false;
    const expr = unwrapExpression(stmt.expression as AstNode)!;
    if (expr.type === 'AssignmentExpression') {
      const left = expr.left as AstNode;
      return isMemberNode(left) && identifierName(left.object) === resName && /^(statusCode|status|type|message)$/.test(memberPropertyName(left) ?? '');
    }
    if (!isCallNode(expr)) return false;
    const callee = unwrapExpression(expr.callee as AstNode)!;
    return isMemberNode(callee) && identifierName(callee.object) === resName && /^(status|code|type)$/.test(memberPropertyName(callee) ?? '');
  }

  /** `res.status(500);` or `res.statusCode = 500;` as the statement right before `stmt` in the same block. */
  private precedingStatusSetter(stmt: AstNode, resName: string): AstNode | null {
    const block = this.index.parent(stmt);
    if (!block || (block.type !== 'BlockStatement' && block.type !== 'SwitchCase')) return null;
    const list = (block.type === 'BlockStatement' ? block.body : block.consequent) as AstNode[];
    const prev = list[list.indexOf(stmt) - 1];
    return prev && this.isStatusSetter(prev, resName) ? prev : null;
  }

  /** Whether a Next.js API handler is wrapped in `withErrorHandler(...)` (directly, or by name in the default export). */
  private wrappedForNext(fn: AstNode): boolean {
    const wrapper = (n: AstNode | null) => !!n && isCallNode(n) && /(^|\.)withErrorHandler$/.test(dotted(n.callee as AstNode) ?? '');
    if (wrapper(this.index.parent(fn))) return true;
    const parent = this.index.parent(fn);
    const name = fn.type === 'FunctionDeclaration' && fn.id ? ((fn.id as AstNode).name as string) :
      parent?.type === 'VariableDeclarator' ? identifierName(parent.id) : null;
    if (!name) return false;
    return this.index.all.some((n) => wrapper(n) && (n.arguments as AstNode[]).some((a) => identifierName(a) === name));
  }

  /** `res` of `res.status(500).json()`, `ctx` of `ctx.body = ...`. */
  private responseName(site: AstNode): string | null {
    if (site.type === 'AssignmentExpression') return identifierName(chainBase(site.left as AstNode));
    return identifierName(chainBase(site));
  }

  /** The function whose parameter is the response the site writes to, and what kind of handler it is. */
  private handlerOf(call: AstNode, framework?: string, response?: string): HandlerInfo {
    if (framework === 'next') {
      // App Router handlers return `NextResponse.json(...)`: the handler is the outermost function around the site.
      let outer: AstNode | null = null;
      for (const a of this.index.ancestors(call)) if (isFunctionNode(a)) outer = a;
      if (outer && !this.responseName(call)?.match(/^(res|response)$/)) return { fn: outer, kind: 'route', resIndex: -1, resName: this.responseName(call) ?? '' };
    }
    let resName = response ?? this.responseName(call);
    if (!resName) throw new ManualReview('the response object is not a plain variable');
    for (let depth = 0; depth < 3; depth++) {
      for (const fn of this.index.ancestors(call)) {
        if (!isFunctionNode(fn)) continue;
        const params = fn.params as AstNode[];
        const i = params.findIndex((p) => paramIdentifier(p) === resName);
        if (i >= 0) {
          const kind = params.length === 4 && i === 2 ? 'error-middleware' : i >= 1 ? 'route' : 'helper';
          return { fn, kind, resIndex: i, resName: resName! };
        }
        // `const r = res`: follow the alias once
        const alias = this.index.within(fn).find((n) => n.type === 'VariableDeclarator' && (n.id as AstNode).type === 'Identifier' && (n.id as AstNode).name === resName);
        const init = alias ? identifierName(alias.init) : null;
        if (init && init !== resName) {
          resName = init;
          break;
        }
      }
    }
    throw new ManualReview('cannot tell which handler sends this response');
  }

  private checkSafety(call: AstNode, handler: HandlerInfo, plan: FixPlan): void {
    const { resName, fn } = handler;
    for (const n of this.index.within(fn)) {
      if (n.start >= call.start) break;
      if (!isCallNode(n)) continue;
      const callee = unwrapExpression(n.callee as AstNode)!;
      if (isMemberNode(callee) && identifierName(callee.object) === resName && STREAM_METHODS.has(memberPropertyName(callee) ?? '')) {
        throw new ManualReview(`the response may have started before this point (${resName}.${memberPropertyName(callee)}): headers may already be sent`);
      }
      const args = n.arguments as AstNode[];
      if (isMemberNode(callee) && memberPropertyName(callee) === 'pipe' && args.some((a) => identifierName(a) === resName)) {
        throw new ManualReview('streaming response: the body is piped before this point, headers may already be sent');
      }
      if (dotted(callee)?.endsWith('pipeline') && args.some((a) => identifierName(a) === resName)) {
        throw new ManualReview('streaming response: the body is piped before this point, headers may already be sent');
      }
    }
    for (const a of this.index.ancestors(call)) {
      if (a === fn) break;
      const test = a.type === 'IfStatement' || a.type === 'ConditionalExpression' ? (a.test as AstNode) : a.type === 'LogicalExpression' ? (a.left as AstNode) : null;
      if (test && /headersSent|writableEnded|finished/.test(this.source.slice(test.start, test.end))) {
        throw new ManualReview('guarded by a headers-sent check: the response may already have started');
      }
    }
    const body = this.bodyOf(call);
    const obj = body ? unwrapExpression(body) : null;
    if (obj?.type === 'ObjectExpression') {
      for (const p of obj.properties as AstNode[]) {
        if (p.type !== 'ObjectProperty' || p.computed) continue;
        const key = (p.key as AstNode).name ?? (p.key as AstNode).value;
        if (typeof key !== 'string' || !DATA_KEYS.test(key)) continue;
        const v = unwrapExpression(p.value as AstNode)!;
        const empty = v.type === 'NullLiteral' || (v.type === 'Identifier' && v.name === 'undefined') || (v.type === 'ArrayExpression' && !(v.elements as unknown[]).length) ||
          (v.type === 'ObjectExpression' && !(v.properties as unknown[]).length) || (v.type === 'BooleanLiteral');
        const fromError = plan.cause ? referencesTo(this.index, v, plan.cause).length > 0 : false;
        if (!empty && !fromError) throw new ManualReview(`the body mixes data (\`${key}\`) with the error: the data would be lost`);
      }
    }
  }

  /** The body expression of a send call: `json(body)`, or `send(500, body)` in the Express 3 form; `ctx.body = body`. */
  private bodyOf(call: AstNode): AstNode | null {
    if (call.type === 'AssignmentExpression') return call.right as AstNode;
    const args = (call.arguments as AstNode[] | undefined) ?? [];
    if (args.length >= 2 && unwrapExpression(args[0])?.type === 'NumericLiteral') return args[1]!;
    return args[0] ?? null;
  }

  private insideTry(node: AstNode, stop: AstNode): boolean {
    let child = node;
    for (const p of this.index.ancestors(node)) {
      if (p === stop) return false;
      if (p.type === 'TryStatement' && p.block === child) return true;
      child = p;
    }
    return false;
  }

  /** Whether nothing runs after `stmt` before its function returns, so an exit (throw/return) keeps the flow. */
  private isTerminal(stmt: AstNode, fn: AstNode): boolean {
    if (this.followingBareReturn(stmt)) return true;
    let cur = stmt;
    for (;;) {
      const p = this.index.parent(cur);
      if (!p) return false;
      if (p === fn) return true;
      switch (p.type) {
        case 'BlockStatement': {
          const body = p.body as AstNode[];
          if (body[body.length - 1] !== cur) return false;
          break;
        }
        case 'IfStatement':
        case 'CatchClause':
        case 'LabeledStatement':
          break;
        case 'TryStatement':
          if (cur === p.finalizer) return false;
          break;
        default:
          return false;
      }
      cur = p;
    }
  }

  private isBareReturn(node: AstNode | undefined): boolean {
    return !!node && node.type === 'ReturnStatement' && !node.argument;
  }

  /** `res.json(...); return;`: the bare return that ends the statement's branch, replaced along with it. */
  private followingBareReturn(stmt: AstNode): AstNode | null {
    const block = this.index.parent(stmt);
    if (!block || block.type !== 'BlockStatement') return null;
    const body = block.body as AstNode[];
    const next = body[body.indexOf(stmt) + 1];
    return next && this.isBareReturn(next) ? next : null;
  }

  /** `[start, end)` of a node with the parentheses around it. */
  private parenthesizedRange(node: AstNode): [number, number] {
    const extra = node.extra as { parenthesized?: boolean; parenStart?: number } | undefined;
    if (!extra?.parenthesized || extra.parenStart === undefined) return [node.start, node.end];
    let end = node.end;
    let depth = 0;
    for (let i = extra.parenStart; i < node.start; i++) if (this.source[i] === '(') depth++;
    while (depth > 0 && end < this.source.length) {
      if (this.source[end] === ')') depth--;
      end++;
    }
    return [extra.parenStart, end];
  }

  /**
   * A `.catch(() => res.sendStatus(500))` callback has no parameter: give it one so the error is handed on as the
   * cause instead of being dropped. Returns the name, or undefined when the site is not in such a callback.
   */
  private addCatchParam(fn: AstNode): string | undefined {
    if ((fn.params as AstNode[]).length !== 0 || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return undefined;
    const call = this.index.parent(fn);
    if (!call || !isCallNode(call)) return undefined;
    const callee = unwrapExpression(call.callee as AstNode)!;
    const method = isMemberNode(callee) ? memberPropertyName(callee) : null;
    const argIndex = (call.arguments as AstNode[]).indexOf(fn);
    if (!((method === 'catch' && argIndex === 0) || (method === 'then' && argIndex === 1))) return undefined;
    const name = ['err', 'error', 'e'].find((n) => referencesTo(this.index, fn, n).length === 0);
    if (!name) return undefined;
    const open = this.source.indexOf('(', fn.type === 'ArrowFunctionExpression' ? fn.start : fn.start + 'function'.length);
    if (open < 0 || open > (fn.body as AstNode).start) return undefined;
    if (!this.addedParams.has(fn)) {
      this.edits.insert(open + 1, name);
      this.addedParams.add(fn);
    }
    return name;
  }

  /** Drops a statement that only sets a leaking header, with its line when it stands alone on it. */
  private removeStatement(call: AstNode): 'removed' {
    const stmt = this.index.parent(call);
    if (!stmt || stmt.type !== 'ExpressionStatement') throw new ManualReview('the header is set inside a larger expression');
    let start = stmt.start;
    let end = stmt.end;
    const lineStart = this.source.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = this.source.indexOf('\n', end);
    if (/^[ \t]*$/.test(this.source.slice(lineStart, start)) && /^[ \t]*\r?$/.test(this.source.slice(end, lineEnd < 0 ? undefined : lineEnd))) {
      start = lineStart;
      end = lineEnd < 0 ? this.source.length : lineEnd + 1;
    }
    if (this.edits.overlaps(start, end)) throw new ManualReview('overlaps another rewritten site');
    this.edits.add(start, end, '');
    this.replaced.push([start, end]);
    return 'removed';
  }

  private errorExpression(call: AstNode, plan: FixPlan, cause: string | undefined): string {
    // the caught error carries its own status: hand it on as it is
    if (plan.kind === 'forward' && cause) return cause;
    const cls = this.errors.ref(plan.errorClass);
    const message = this.messageArgument(call, plan, cause);
    const options: string[] = [];
    if (cause) options.push(cause === 'cause' ? 'cause' : `cause: ${cause}`);
    if (plan.service) options.push(`service: ${quoteString(plan.service, this.style.quote)}`);
    const args: string[] = [];
    if (options.length) args.push(message ?? 'undefined', `{ ${options.join(', ')} }`);
    else if (message) args.push(message);
    return `new ${cls}(${args.join(', ')})`;
  }

  /**
   * The message argument: the author's own literal (their quotes kept) or expression when it holds the plan's
   * message and nothing from the error, else the plan's message as a literal.
   */
  private messageArgument(call: AstNode, plan: FixPlan, cause: string | undefined): string | null {
    if (!plan.message) return null;
    const body = this.bodyOf(call);
    if (body) {
      const candidates = this.index.within(body).filter((n) => (n.type === 'StringLiteral' || n.type === 'TemplateLiteral' || n.type === 'BinaryExpression') && literalText(n) === plan.message);
      const byKey = candidates.find((n) => {
        const p = this.index.parent(n);
        const key = p?.type === 'ObjectProperty' ? ((p.key as AstNode).name ?? (p.key as AstNode).value) : null;
        return typeof key === 'string' && MESSAGE_KEYS.includes(key);
      });
      const node = byKey ?? candidates[0];
      if (node) {
        const errorNames = [cause, ...this.errorNamesAround(call)].filter((x): x is string => !!x);
        const tainted = errorNames.some((name) => referencesTo(this.index, node, name).length > 0);
        if (node.type === 'StringLiteral' || !tainted) return this.source.slice(node.start, node.end);
      }
    }
    return quoteString(plan.message, this.style.quote);
  }

  /** Names of caught errors in scope at a node (catch params, error-first callback params). */
  private errorNamesAround(node: AstNode): string[] {
    const names: string[] = [];
    for (const a of this.index.ancestors(node)) {
      if (a.type === 'CatchClause') names.push(...patternNames(a.param as AstNode));
      if (isFunctionNode(a)) {
        const first = paramIdentifier((a.params as AstNode[])[0]);
        if (first && /^(e|err|error|er|ex|exc|exception)$/i.test(first)) names.push(first);
      }
    }
    return names;
  }

  /** The `next` of a route or error middleware, adding the parameter when it is missing. */
  private ensureNext(handler: HandlerInfo, site: AstNode): string {
    const params = handler.fn.params as AstNode[];
    const at = handler.kind === 'error-middleware' ? 3 : handler.resIndex + 1;
    let name: string | null;
    if (params[at]) {
      name = paramIdentifier(params[at]);
      if (!name) throw new ManualReview('the handler\'s `next` parameter is not a plain name');
    } else {
      name = this.addNextParam(handler.fn, at);
    }
    this.checkVisible(name, site, handler.fn);
    return name;
  }

  /** Adds a `next` parameter at position `at` (the end of the list); returns its name. */
  private addNextParam(fn: AstNode, at: number): string {
    const existing = this.addedNext.get(fn);
    if (existing) return existing;
    const params = fn.params as AstNode[];
    if (params.length !== at) throw new ManualReview('cannot add a `next` parameter to this handler');
    const last = params[params.length - 1];
    if (!last || last.type === 'RestElement') throw new ManualReview('cannot add a `next` parameter to this handler');
    const name = ['next', 'nextFn', 'nextHandler'].find((n) => referencesTo(this.index, fn, n).length === 0);
    if (!name) throw new ManualReview('`next` is already used for something else in this handler');
    let text = `, ${name}`;
    if (this.isTs) {
      const resParam = params.find((p) => (p as { typeAnnotation?: unknown }).typeAnnotation) as AstNode | undefined;
      if (resParam) text += `: ${this.nextFunctionType(resParam)}`;
    }
    this.edits.insert(last.end, text);
    this.addedNext.set(fn, name);
    return name;
  }

  /** `NextFunction` (imported from express as a type), or `express.NextFunction` when the file writes `express.Response`. */
  private nextFunctionType(typedParam: AstNode): string {
    const ann = (typedParam.typeAnnotation as AstNode).typeAnnotation as AstNode | undefined;
    if (ann?.type === 'TSTypeReference' && (ann.typeName as AstNode).type === 'TSQualifiedName') {
      const left = (ann.typeName as AstNode).left as AstNode;
      if (left.type === 'Identifier') return `${left.name as string}.NextFunction`;
    }
    if (!this.expressTypes) {
      this.expressTypes = new ImportManager(this.style, (s) => s === 'express', 'express', { typeOnly: true, aliasPrefix: 'Express' });
    }
    return this.expressTypes.ref('NextFunction');
  }

  /** Fails when a function between the site and the handler declares its own `name`. */
  private checkVisible(name: string, site: AstNode, handlerFn: AstNode): void {
    for (const a of this.index.ancestors(site)) {
      if (a === handlerFn) return;
      if (isFunctionNode(a) && (a.params as AstNode[]).some((p) => patternNames(p).includes(name))) {
        throw new ManualReview(`\`${name}\` is shadowed by a parameter of an inner function`);
      }
    }
  }

  // ---- helpers: `function sendError(res, err) { res.status(500).json(...) }` ------------------------------------

  /** The `next` of a helper: a parameter added at the end, passed by every caller. */
  private helperNext(handler: HandlerInfo): string {
    const info = this.helperInfo(handler);
    const params = handler.fn.params as AstNode[];
    const existing = paramIdentifier(params[info.nextIndex]);
    if (existing) return existing;
    if (info.exportName !== null) {
      const allowed = this.input.exportedHelpersAllowed?.has(handler.fn.start);
      if (!allowed) {
        if (!this.exportedHelpers.some((h) => h.start === handler.fn.start)) {
          this.exportedHelpers.push({ file: this.input.file, exportName: info.exportName, start: handler.fn.start, resIndex: info.resIndex, nextIndex: info.nextIndex, name: info.name });
        }
        throw new ManualReview(`in helper ${info.name}, which is exported: every caller must pass \`next\` (callers in other files are only updated by \`err-codemod apply\` over the whole project)`);
      }
    }
    if (!this.helperDone.has(handler.fn)) {
      for (const call of info.calls) this.passNext(call, info.resIndex, info.nextIndex, info.name);
      this.helperDone.set(handler.fn, info);
    }
    return this.addNextParam(handler.fn, info.nextIndex);
  }

  private helperInfo(handler: HandlerInfo): HelperInfo {
    const fn = handler.fn;
    const params = fn.params as AstNode[];
    const nextIndex = params.length;
    let name: string | null = null;
    let exportName: string | null = null;
    const parent = this.index.parent(fn);
    if (fn.type === 'FunctionDeclaration' && fn.id) name = (fn.id as AstNode).name as string;
    else if (parent?.type === 'VariableDeclarator' && (parent.id as AstNode).type === 'Identifier') name = (parent.id as AstNode).name as string;
    else if (parent?.type === 'AssignmentExpression' && parent.right === fn) {
      const left = dotted(parent.left as AstNode);
      if (left === 'module.exports') exportName = 'default';
      else if (left && /^(module\.)?exports\.\w+$/.test(left)) exportName = left.split('.').pop()!;
      else throw new ManualReview('in a helper assigned to a property: its callers cannot be found');
      name = left!;
    }
    if (parent?.type === 'ExportDefaultDeclaration') exportName = 'default';
    const outer = parent?.type === 'VariableDeclarator' ? this.index.parent(this.index.parent(parent)!) : parent;
    if (outer?.type === 'ExportNamedDeclaration' && name) exportName = name;
    if (!name) throw new ManualReview('in an anonymous helper: its callers cannot be found');
    const calls: AstNode[] = [];
    if (!exportName || /^[A-Za-z_$][\w$]*$/.test(name)) {
      const declId = fn.type === 'FunctionDeclaration' ? (fn.id as AstNode) : parent?.type === 'VariableDeclarator' ? (parent.id as AstNode) : null;
      for (const ref of referencesTo(this.index, this.index.program, name)) {
        if (ref === declId || (ref.start >= fn.start && ref.end <= fn.end)) continue;
        const p = this.index.parent(ref)!;
        if (isCallNode(p) && p.callee === ref) {
          calls.push(p);
          continue;
        }
        const exported = this.exportedAs(ref);
        if (exported) {
          exportName = exported;
          continue;
        }
        throw new ManualReview(`in helper ${name}, which is used as a value (not only called): its callers cannot all pass \`next\``);
      }
    }
    if (name.includes('.')) {
      // exports.fail = function (res, e) {...}: calls look like exports.fail(...) in the same file
      for (const n of this.index.all) {
        if (isCallNode(n) && dotted(n.callee as AstNode) === name) calls.push(n);
      }
    }
    return { fn, name: name.split('.').pop()!, calls, exportName, resIndex: handler.resIndex, nextIndex };
  }

  /** `module.exports = fn`, `exports.x = fn`, `module.exports = { fn }`, `export { fn }`: the export name. */
  private exportedAs(ref: AstNode): string | null {
    const p = this.index.parent(ref);
    if (!p) return null;
    if (p.type === 'AssignmentExpression' && p.right === ref) {
      const left = dotted(p.left as AstNode);
      if (left === 'module.exports') return 'default';
      if (left && /^(module\.)?exports\.\w+$/.test(left)) return left.split('.').pop()!;
    }
    if (p.type === 'ObjectProperty' && p.value === ref) {
      const obj = this.index.parent(p);
      const assign = obj ? this.index.parent(obj) : null;
      if (assign?.type === 'AssignmentExpression' && dotted(assign.left as AstNode) === 'module.exports') {
        const key = p.key as AstNode;
        return (key.name ?? key.value) as string;
      }
    }
    if (p.type === 'ExportSpecifier') return ((p.exported as AstNode).name ?? (p.exported as AstNode).value) as string;
    if (p.type === 'ExportDefaultDeclaration') return 'default';
    return null;
  }

  /** Passes the caller's `next` as argument `nextIndex` of a call to a helper. */
  private passNext(call: AstNode, resIndex: number, nextIndex: number, helper: string): void {
    const args = call.arguments as AstNode[];
    if (args.length > nextIndex) {
      const present = identifierName(args[nextIndex]);
      if (present && NEXT_NAME.test(present)) return;
      throw new ManualReview(`a call to ${helper} already passes ${args.length} arguments`);
    }
    if (args.some((a) => a.type === 'SpreadElement')) throw new ManualReview(`a call to ${helper} spreads its arguments`);
    const resArg = identifierName(args[resIndex]);
    if (!resArg) throw new ManualReview(`a call to ${helper} does not pass the response as a plain variable`);
    let handler: HandlerInfo | null = null;
    for (const fn of this.index.ancestors(call)) {
      if (!isFunctionNode(fn)) continue;
      const params = fn.params as AstNode[];
      const i = params.findIndex((p) => paramIdentifier(p) === resArg);
      if (i < 0) continue;
      handler = { fn, kind: params.length === 4 && i === 2 ? 'error-middleware' : i >= 1 ? 'route' : 'helper', resIndex: i, resName: resArg };
      break;
    }
    if (!handler || handler.kind === 'helper') throw new ManualReview(`a call to ${helper} (line ${this.lineOf(call)}) is not made from a route handler`);
    const next = this.ensureNext(handler, call);
    const padding = Array.from({ length: nextIndex - args.length }, () => 'undefined');
    const extra = [...padding, next].join(', ');
    if (args.length) {
      this.edits.insert(args[args.length - 1]!.end, `, ${extra}`);
    } else {
      const close = this.source.lastIndexOf(')', call.end);
      this.edits.insert(close, extra);
    }
  }

  private rewriteCaller(task: CallerTask): CallerOutcome {
    const call = this.index.at(task.start, task.end, ['CallExpression', 'OptionalCallExpression']);
    if (!call) return { task, ok: false, reason: 'call not found' };
    const rollback = this.checkpoint();
    try {
      this.passNext(call, task.resIndex, task.nextIndex, task.helper);
      return { task, ok: true };
    } catch (error) {
      if (!(error instanceof ManualReview)) throw error;
      rollback();
      return { task, ok: false, reason: error.message };
    }
  }

  private lineOf(node: AstNode): number {
    return (node.loc as { start: { line: number } } | undefined)?.start.line ?? 0;
  }
}

export function rewriteSource(input: RewriteInput): RewriteResult {
  return new FileRewriter(input).run();
}

/** The jscodeshift parser for a file: `ts` for .ts/.mts/.cts, `tsx` otherwise. */
export function parserFor(file: string): 'ts' | 'tsx' {
  return /\.(ts|mts|cts)$/i.test(file) ? 'ts' : 'tsx';
}

/**
 * jscodeshift bound to the file's parser. Legacy .js files with Flow annotations that the tsx parser rejects get
 * jscodeshift's flow parser instead (the analyzer reads them the same way).
 */
export function jscodeshiftFor(j: JSCodeshift, file: string, source: string): JSCodeshift {
  const primary = j.withParser(parserFor(file));
  if (!/\.(js|jsx|mjs|cjs)$/i.test(file)) return primary;
  // The choice is tried with the parsers alone (jscodeshift's own parser modules), not through recast, which
  // would cost a second full parse of every file on top of the one the rewrite does.
  try {
    parserModule('tsx').parse(source);
    return primary;
  } catch (error) {
    try {
      parserModule('flow').parse(source);
      return j.withParser('flow');
    } catch {
      throw error;
    }
  }
}

function parserModule(name: 'tsx' | 'flow'): { parse(code: string): unknown } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (name === 'tsx' ? require('jscodeshift/parser/tsx') : require('jscodeshift/parser/flow'))();
}

export function displayPath(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
}
