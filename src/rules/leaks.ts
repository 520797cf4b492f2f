import type * as t from '@babel/types';
import { dottedName, enclosingFunction, isCall, keyName, parentOf, staticString, unwrap, walk, type Node } from '../core/ast';
import { callArgumentOf } from '../frameworks/names';
import type { FileModel } from '../core/file-model';
import { importRefOf } from '../core/imports';
import { downstreamCallOrigin, type DownstreamOrigin } from '../core/downstream-calls';
import { developmentGuard } from '../core/evaluate';
import type { Site } from '../core/site';
import type { LeakFact } from '../core/taint-facts';
import { classForStatus, forward, removeStatement, statusFromError, wrapCause } from './fix-plans';
import { GENERIC_500, messageText, objectLiteral, sentBody } from './wording';

const DOWNSTREAM_WORDS: Record<string, string> = {
  response: 'the downstream response', config: 'the downstream request', request: 'the downstream request',
  url: 'the downstream URL', body: 'the downstream response body', status: 'the downstream status',
  headers: 'the downstream headers', params: 'the downstream request parameters', sql: 'the database error detail',
};
const EXCEPTION_WORDS: Record<string, string> = {
  object: 'the error object', message: 'the error message', stack: 'the stack trace', string: 'the error as a string',
  inspect: 'the error with its stack',
};

/** How a leaked fact reads in a finding message. */
export function factPhrase(f: LeakFact): string {
  // through an imported helper: the call is what the reader sees at the site, the helper is where the leak is made
  if (f.via) return viaPhrase(f.text, f.via, [factWords(f)]);
  if (f.kind === 'exception') {
    switch (f.form) {
      case 'object':
        return `the error object \`${f.text}\``;
      case 'stack':
        return `\`${f.text}\` (the stack trace)`;
      case 'inspect':
        return `\`${f.text}\` (the error with its stack)`;
      default:
        return `\`${f.text}\``;
    }
  }
  return `\`${f.text}\` (${factWords(f)})`;
}

function factWords(f: LeakFact): string {
  return f.kind === 'exception' ? EXCEPTION_WORDS[f.form]! : DOWNSTREAM_WORDS[f.form]!;
}

function viaPhrase(text: string, via: string, words: string[]): string {
  return `\`${text}\` (${[...new Set(words)].join(' or ')}, ${via})`;
}

export function joinPhrases(facts: LeakFact[]): string {
  // one call through an imported helper can carry several forms (`err.message` or `String(err)`): one phrase
  const viaWords = new Map<string, string[]>();
  const phrases: string[] = [];
  for (const f of facts) {
    if (!f.via) phrases.push(factPhrase(f));
    else {
      const key = `${f.text}\0${f.via}`;
      if (!viaWords.has(key)) phrases.push(key);
      viaWords.set(key, [...(viaWords.get(key) ?? []), factWords(f)]);
    }
  }
  const unique = [...new Set(phrases.map((p) => {
    const words = viaWords.get(p);
    if (!words) return p;
    const [text, via] = p.split('\0') as [string, string];
    return viaPhrase(text, via, words);
  }))];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

/** "(through sendError, called at lines 12 and 40)" for sites inside same-file helpers. */
export function helperSuffix(site: Site): string {
  if (!site.helper || !site.helper.calls.length) return site.helper ? ` (in helper ${site.helper.name})` : '';
  const lines = [...new Set(site.helper.calls.map((c) => c.node.loc!.start.line))].sort((a, b) => a - b);
  const list = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
  return ` (through ${site.helper.name}, called at ${list})`;
}

export function helperRelated(site: Site) {
  return site.helper?.calls.map((c) => ({
    line: c.node.loc!.start.line,
    column: c.node.loc!.start.column + 1,
    message: `${site.helper!.name} is called here`,
  }));
}

/** The error class a leaking site should hand on: from its status when that is a single 4xx, else 500. */
export function leakClass(site: Site, downstream: boolean): string {
  const { values, dynamic } = site.status;
  const status = !dynamic && values.length === 1 ? values[0]! : null;
  // a status the author chose (409 for a duplicate key, 504 for a timeout) keeps its meaning; a bare 500 does not
  if (status !== null && status >= 400 && status !== 500) return classForStatus(status)!;
  return downstream ? 'UpstreamError' : 'InternalError';
}

/** The plan for a leaking site: drop a leaking header, forward an error that carries its status, else wrap it. */
export function leakPlan(site: Site, downstream: boolean, file?: FileModel) {
  if (site.raw.headerOnly) return site.errorContext ? removeStatement(site) : undefined;
  if (statusFromError(site)) return forward(site);
  const text = messageText(site);
  const vetted = text && !GENERIC_500.test(text.trim()) && literalOnly(site) ? text : null;
  return wrapCause(site, leakClass(site, downstream), downstream ? serviceName(site, file) : undefined, vetted);
}

/** Whether the message text the author wrote is a plain literal (nothing from the error mixed in). */
function literalOnly(site: Site): boolean {
  const body = sentBody(site);
  if (!body) return false;
  const n = unwrap(body);
  if (n.type === 'StringLiteral') return true;
  const obj = objectLiteral(body, site.scope);
  if (!obj) return false;
  return obj.properties.some((p) => p.type === 'ObjectProperty' && ['error', 'message', 'msg'].includes(keyName(p) ?? '') && unwrap(p.value as Node).type === 'StringLiteral');
}

/**
 * A name for the downstream service the failing code called: the host of an axios URL, a `paymentsService` /
 * `shippingClient` object, or the module a called object was imported from (`require('../services/payments')`).
 */
export function serviceName(site: Site, file?: FileModel): string {
  const facts = file?.facts;
  const code = failingCode(site);
  let found: string | null = null;
  if (code) {
    walk(code, (n) => {
      if (found || !isCall(n)) return !found;
      const callee = dottedName(n.callee as Node);
      if (!callee) return true;
      const url = staticString(n.arguments[0] as Node);
      if (/^axios(\.\w+)?$/.test(callee) && url) {
        const host = /^https?:\/\/([^/:]+)/.exec(url)?.[1];
        if (host) found = host.split('.')[0]!;
        return !found;
      }
      const parts = callee.split('.').filter((p) => p !== 'this');
      const owner = parts.slice(0, -1).find((p) => /(service|client|api|gateway)$/i.test(p) && !/^(axios|http|https)$/i.test(p));
      const created = parts.length > 1 ? axiosInstance(parts[0]!, site) : null;
      if (owner) found = owner.replace(/(Service|Client|Api|API|Gateway)$/, '') || owner;
      else if (created) found = created;
      else if (facts && parts.length > 1) {
        const spec = facts.importedNames.get(parts[0]!)?.split('#')[0];
        if (spec && /^\.{1,2}\//.test(spec) && /(services?|clients?|api|integrations?|providers?)\//i.test(spec)) found = spec.split('/').pop()!.replace(/\.[cm]?[jt]s$/, '');
      }
      return !found;
    });
  }
  return found ?? downstreamCause(site, file)?.service ?? 'upstream';
}

/** Whether `node` runs only when NODE_ENV is explicitly development (`if (process.env.NODE_ENV === 'development')`). */
function underDevelopmentGuard(node: Node): boolean {
  let child: Node = node;
  for (let p = parentOf(node); p; child = p, p = parentOf(p)) {
    if (p.type === 'IfStatement' || p.type === 'ConditionalExpression') {
      const guard = developmentGuard(p.test as Node);
      if ((guard === 'consequent' && child === p.consequent) || (guard === 'alternate' && child === p.alternate)) return true;
    }
  }
  return false;
}

/** A site (or a helper whose every caller) that only runs in development: what it shows is not a leak. */
export function developmentOnly(site: Site): boolean {
  if (underDevelopmentGuard(site.raw.node)) return true;
  return !!site.helper?.calls.length && site.helper.calls.every((c) => underDevelopmentGuard(c.node));
}


/** `--types`: the error the site handles is typed `AxiosError`, `QueryFailedError`... */
function typedOrigin(site: Site): DownstreamOrigin | null {
  const name = site.errorContext?.name;
  if (!name) return null;
  for (let s: Site['scope'] | null = site.scope; s; s = s.parent) {
    const origin = s.typedErrors.get(name);
    if (origin !== undefined) return origin;
    if (s.declared.has(name)) return null;
  }
  return null;
}

/** `const carriers = axios.create({...})`: the instance's name names the service. */
function axiosInstance(name: string, site: Site): string | null {
  const owner = site.scope.owner(name);
  const made = owner?.bindings.get(name)?.some((b) => {
    const e = unwrap(b.expr);
    return isCall(e) && /^axios\.create$/.test(dottedName(e.callee as Node) ?? '');
  });
  return made ? name : null;
}

/** The code whose failure a site's error comes from: the try block, the promise chain, or the callback's call. */
function failingCode(site: Site): Node | null {
  const ctx = site.errorContext;
  if (!ctx) return null;
  if (ctx.node.type === 'CatchClause') return (parentOf(ctx.node) as t.TryStatement | null)?.block ?? null;
  if (ctx.kind !== 'promise-catch' && ctx.kind !== 'callback') return null;
  const fn = ctx.kind === 'callback' ? enclosingFunction(ctx.node) : ctx.node;
  const call = fn ? callArgumentOf(fn)?.call : null;
  if (!call) return null;
  // the promise chain the .catch hangs on, or the call the node-style callback is passed to
  return ctx.kind === 'callback' ? call : (((call.callee as t.MemberExpression).object as Node) ?? null);
}

/**
 * What failed in the code a caught error comes from: an HTTP call, a database query, or unknown. A call of an
 * imported function counts when its module's summary says it can throw such an error (cross-file analysis).
 */
export function downstreamCause(site: Site, file?: FileModel): { origin: DownstreamOrigin; service: string | null } | null {
  const typed = typedOrigin(site);
  if (typed) return { origin: typed, service: null };
  const code = failingCode(site);
  if (!code) return null;
  let cause: { origin: DownstreamOrigin; service: string | null } | null = null;
  walk(code, (n) => {
    if (cause) return false;
    if (!isCall(n)) return true;
    const name = dottedName(n.callee as Node);
    const origin = name ? downstreamCallOrigin(name) : null;
    if (origin) cause = { origin, service: null };
    else if (file?.crossFile) {
      const ref = importRefOf(n.callee as Node, site.scope, file);
      const throws = ref && file.crossFile.lookup(ref, 'throws')?.throws;
      if (throws) cause = throws;
    }
    return !cause;
  });
  return cause;
}
