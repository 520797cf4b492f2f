import type * as t from '@babel/types';
import { dottedName, enclosingFunction, isCall, keyName, parentOf, staticString, unwrap, walk, type Node } from '../core/ast';
import { callArgumentOf } from '../frameworks/names';
import type { FileFacts } from '../frameworks/types';
import { developmentGuard } from '../core/evaluate';
import type { Site } from '../core/site';
import type { Fact } from '../core/taint-facts';
import { classForStatus, forward, removeStatement, statusFromError, wrapCause } from './fix-plans';
import { GENERIC_500, messageText, objectLiteral, sentBody } from './wording';

/** How a leaked fact reads in a finding message. */
export function factPhrase(f: Fact): string {
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
  const words: Record<string, string> = {
    response: 'the downstream response', config: 'the downstream request', request: 'the downstream request',
    url: 'the downstream URL', body: 'the downstream response body', status: 'the downstream status',
    headers: 'the downstream headers', params: 'the downstream request parameters', sql: 'the database error detail',
  };
  return `\`${f.text}\` (${words[f.form]})`;
}

export function joinPhrases(facts: Fact[]): string {
  const phrases = [...new Set(facts.map(factPhrase))];
  if (phrases.length <= 1) return phrases[0] ?? '';
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
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
export function leakPlan(site: Site, downstream: boolean, facts?: FileFacts) {
  if (site.raw.headerOnly) return site.errorContext ? removeStatement(site) : undefined;
  if (statusFromError(site)) return forward(site);
  const text = messageText(site);
  const vetted = text && !GENERIC_500.test(text.trim()) && literalOnly(site) ? text : null;
  return wrapCause(site, leakClass(site, downstream), downstream ? serviceName(site, facts) : undefined, vetted);
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
export function serviceName(site: Site, facts?: FileFacts): string {
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
  return found ?? 'upstream';
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

const HTTP_CLIENT = /^(axios|got|superagent|needle|request|requestPromise|rp|ky|undici|fetch)(\.\w+)?$/;
const HTTP_METHOD = /(^|\.)(axios|http|https|api|client|httpClient|apiClient|\w+(Api|Client|API))\.(get|post|put|patch|delete|request|head)$/;
const SQL_CALL = /(^|\.)(db|pool|conn|connection|client|knex|sequelize|mysql|pg|sql|database|\w+(Db|DB|Pool|Connection))\.(query|execute|raw|exec)$/;

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

/** What failed in the code a caught error comes from: an HTTP call, a database query, or unknown. */
export function downstreamOrigin(site: Site): 'http' | 'sql' | null {
  const scope = failingCode(site);
  if (!scope) return null;
  let origin: 'http' | 'sql' | null = null;
  walk(scope, (n) => {
    if (origin) return false;
    if (!isCall(n)) return true;
    const name = dottedName(n.callee as Node);
    if (!name) return true;
    if (HTTP_CLIENT.test(name) || HTTP_METHOD.test(name)) origin = 'http';
    else if (SQL_CALL.test(name)) origin = 'sql';
    return !origin;
  });
  return origin;
}
