/**
 * What a value carries from an error: a list of facts such as "err.message" or "err.response.data".
 * `object` is the error itself (or a downstream object inside it), the rest are leaf forms.
 */
export type ExceptionForm = 'object' | 'message' | 'stack' | 'string' | 'inspect';
export type DownstreamForm = 'response' | 'config' | 'request' | 'url' | 'body' | 'status' | 'headers' | 'params' | 'sql';

/** `via`: the imported helper a fact came through (`from getErrorMessage() in src/utils/errors.ts`). */
export type Fact =
  | { kind: 'exception'; form: ExceptionForm; text: string; via?: string }
  | { kind: 'downstream'; form: DownstreamForm; text: string; via?: string }
  | ParamFact;

/**
 * Only in a cross-file summary: "what parameter `index` holds, after `ops`" (`.message`, `string`, `inspect`,
 * `json`), to be replayed on the arguments of each call. `form` is `ops` joined, for de-duplication.
 */
export interface ParamFact {
  kind: 'param';
  index: number;
  ops: string[];
  form: string;
  text: string;
}

export function paramFact(index: number, text: string, ops: string[] = []): ParamFact {
  return { kind: 'param', index, ops, form: ops.join(','), text };
}

function withOp(f: ParamFact, op: string, text: string): ParamFact {
  return paramFact(f.index, text, [...f.ops, op]);
}

export type Taint = readonly Fact[];

export const CLEAN: Taint = Object.freeze([]);

export function union(...taints: Taint[]): Taint {
  const nonEmpty = taints.filter((t) => t.length);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? CLEAN;
  const seen = new Set<string>();
  const out: Fact[] = [];
  for (const t of nonEmpty)
    for (const f of t) {
      const key = `${f.kind}:${f.form}:${f.text}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(f);
      }
    }
  return out;
}

export function errorObject(text: string): Taint {
  return [{ kind: 'exception', form: 'object', text }];
}

/** Error properties that hold another error. */
const NESTED_ERROR_PROPS = new Set(['cause', 'original', 'originalError', 'parent', 'inner', 'innerError', 'error', 'err', 'reason']);
const SQL_PROPS = new Set(['sql', 'sqlMessage', 'sqlState', 'detail', 'hint', 'where', 'query', 'parameters', 'table', 'constraint', 'schema', 'column', 'routine', 'internalQuery']);

const RESPONSE_PROPS: Record<string, DownstreamForm> = { data: 'body', body: 'body', status: 'status', statusText: 'status', headers: 'headers', config: 'config', request: 'request' };
const CONFIG_PROPS: Record<string, DownstreamForm> = { url: 'url', baseURL: 'url', params: 'params', data: 'params', headers: 'headers', auth: 'headers' };

/** The facts of `value.prop`, given the facts of `value`. */
export function readProperty(taint: Taint, prop: string | null): Taint {
  if (!taint.length) return CLEAN;
  const out: Fact[] = [];
  for (const f of taint) {
    const text = `${f.text}.${prop ?? '[…]'}`;
    if (f.kind === 'param') {
      out.push(withOp(f, `.${prop ?? ''}`, text));
      continue;
    }
    if (f.kind === 'exception') {
      if (f.form !== 'object') {
        if (prop !== 'length') out.push({ ...f, text: f.text });
        continue;
      }
      if (prop === null) continue;
      if (prop === 'message') out.push({ kind: 'exception', form: 'message', text });
      else if (prop === 'stack') out.push({ kind: 'exception', form: 'stack', text });
      else if (prop === 'response') out.push({ kind: 'downstream', form: 'response', text });
      else if (prop === 'config') out.push({ kind: 'downstream', form: 'config', text });
      else if (prop === 'request') out.push({ kind: 'downstream', form: 'request', text });
      else if (SQL_PROPS.has(prop)) out.push({ kind: 'downstream', form: 'sql', text });
      else if (NESTED_ERROR_PROPS.has(prop)) out.push({ kind: 'exception', form: 'object', text });
      // Anything else (code, name, status, errors...) is a code or a class name, not text from the failing code.
      continue;
    }
    // downstream
    if (f.form === 'response') {
      const form = prop ? RESPONSE_PROPS[prop] : undefined;
      if (form) out.push({ kind: 'downstream', form, text });
    } else if (f.form === 'config') {
      const form = prop ? CONFIG_PROPS[prop] : undefined;
      if (form) out.push({ kind: 'downstream', form, text });
    } else if (prop !== 'length') {
      out.push({ kind: 'downstream', form: f.form, text: f.form === 'request' ? text : f.text });
    }
  }
  return out;
}

/** Facts of a string made from a value (`String(v)`, `` `${v}` ``, `v + ''`, `v.toString()`). */
export function stringify(taint: Taint, how: (text: string) => string): Taint {
  return taint.map((f): Fact => {
    if (f.kind === 'exception' && f.form === 'object') return { kind: 'exception', form: 'string', text: how(f.text) };
    if (f.kind === 'param') return withOp(f, 'string', how(f.text));
    return f;
  });
}

export function inspectForm(taint: Taint, how: (text: string) => string): Taint {
  return taint.map((f): Fact => {
    if (f.kind === 'exception' && f.form === 'object') return { kind: 'exception', form: 'inspect', text: how(f.text) };
    if (f.kind === 'param') return withOp(f, 'inspect', how(f.text));
    return f;
  });
}

/** `JSON.stringify(err)`: the error's own enumerable fields, still the error object for what it reveals. */
export function jsonForm(taint: Taint, how: (text: string) => string): Taint {
  return taint.map((f): Fact => {
    if (f.kind === 'exception' && f.form === 'object') return { ...f, text: how(f.text) };
    if (f.kind === 'param') return withOp(f, 'json', how(f.text));
    return f;
  });
}

export type LeakFact = Exclude<Fact, ParamFact>;

export function exceptionFacts(taint: Taint): LeakFact[] {
  return taint.filter((f): f is LeakFact => f.kind === 'exception');
}

export function downstreamFacts(taint: Taint): LeakFact[] {
  return taint.filter((f): f is LeakFact => f.kind === 'downstream');
}

/**
 * The facts of a summary replayed on a call: `param` facts become what the call's arguments carry after the same
 * operations; every fact is then named by the call (`getErrorMessage(err)`), or keeps the argument's own text
 * (`err.message` handed to `sendError`) when `callText` is null, and by the helper it went through.
 */
export function replay(summary: Taint, args: (index: number) => Taint, callText: string | null, via: string): Taint {
  const out: Fact[] = [];
  for (const f of summary) {
    if (f.kind !== 'param') {
      out.push({ ...f, text: callText ?? f.text, via });
      continue;
    }
    let t = args(f.index);
    for (const op of f.ops) {
      if (op.startsWith('.')) t = readProperty(t, op.slice(1) || null);
      else if (op === 'string') t = stringify(t, (x) => x);
      else if (op === 'inspect') t = inspectForm(t, (x) => x);
    }
    // a parameter of the function being summarised passed on: it stays symbolic for that function's summary
    for (const g of t) out.push(g.kind === 'param' ? g : { ...g, text: callText ?? g.text, via: g.via ?? via });
  }
  return union(out);
}

const DOWNSTREAM_WORDS: Record<DownstreamForm, string> = {
  response: 'the downstream response',
  config: 'the downstream request configuration',
  request: 'the downstream request',
  url: 'the downstream URL',
  body: 'the downstream response body',
  status: 'the downstream status',
  headers: 'the downstream headers',
  params: 'the downstream request parameters',
  sql: 'the database error detail',
};

const EXCEPTION_WORDS: Record<ExceptionForm, string> = {
  object: 'the error object',
  message: 'the error message',
  stack: 'the stack trace',
  string: 'the error as a string',
  inspect: 'the inspected error (with its stack)',
};

export function describeFact(f: LeakFact): string {
  const words = f.kind === 'exception' ? EXCEPTION_WORDS[f.form] : DOWNSTREAM_WORDS[f.form];
  return `${f.text} (${words})`;
}
