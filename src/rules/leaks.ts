import type * as t from '@babel/types';
import { dottedName, isCall, parentOf, staticString, walk, type Node } from '../core/ast';
import type { Site } from '../core/site';
import type { Fact } from '../core/taint-facts';
import { classForStatus } from './fix-plans';

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
  if (!downstream && !dynamic && values.length === 1 && values[0]! >= 400 && values[0]! < 500) return classForStatus(values[0]!)!;
  return downstream ? 'UpstreamError' : 'InternalError';
}

/** A name for the downstream service a catch guards: `paymentsService.charge()` gives `payments`. */
export function serviceName(site: Site): string {
  const ctx = site.errorContext?.node;
  const tryBlock = ctx?.type === 'CatchClause' ? (parentOf(ctx) as t.TryStatement | null)?.block : null;
  let found: string | null = null;
  if (tryBlock) {
    walk(tryBlock, (n) => {
      if (found || !isCall(n)) return !found;
      const callee = dottedName(n.callee as Node);
      if (!callee) return true;
      const url = staticString(n.arguments[0] as Node);
      if (/^axios(\.\w+)?$/.test(callee) && url) {
        const host = /^https?:\/\/([^/:]+)/.exec(url)?.[1];
        if (host) found = host.split('.')[0]!;
        return !found;
      }
      const parts = callee.split('.');
      const owner = parts.find((p) => /(service|client|api|gateway)$/i.test(p) && !/^(axios|http|https)$/i.test(p));
      if (owner) found = owner.replace(/(Service|Client|Api|API|Gateway)$/, '').replace(/^this$/, '') || owner;
      return !found;
    });
  }
  return found ?? 'upstream';
}
