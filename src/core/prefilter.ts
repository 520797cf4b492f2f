import { FRAMEWORKS } from '../frameworks';
import { RESPONSE_NAME } from '../frameworks/names';
import type { FrameworkModel } from '../frameworks/types';
import type { FrameworkId } from './types';

/**
 * The cheap pre-filter: whether a file's text may hold a response site, decided from the text alone, so that files
 * that cannot are not parsed at all. For each framework model it asks two things, both necessary for a site of that
 * model; the file is parsed when some model passes both (and `mayHoldSiteOf` tells the analysis which models to ask
 * about sites).
 *
 * 1. The model's `hint` (`FrameworkModel.hint`): text every site of the model contains, such as `.json(`. Where a
 *    hint expects a call's `(` right after a method name (`name\s*\(`), the filter also accepts what can legally sit
 *    between the two: type arguments (`res.json<Body>(...)`), an optional call (`res.json?.(...)`), a comment, the
 *    closing parentheses of a parenthesised callee (`(res.json)(...)`), and the casts Koa unwraps from a callee
 *    (`ctx.throw!(...)`, `(ctx.throw as any)(...)`, Flow's `(ctx.throw: any)(...)`). Widening only ever lets more
 *    files through.
 *
 * 2. The model's evidence (`EVIDENCE` below): text every *file* with a site of the model contains, found elsewhere
 *    than at the site. The analysis is per file, and the sites of the Express, node:http and Next.js models (and
 *    the configured response sinks, which read Express responses) are calls on a response binding
 *    (`matchResponseCall` resolves the receiver through `ResponseResolver`): such a binding exists only in a
 *    function the same model gave a role in the same file (`buildFileModel` fills `scope.responses` from roles
 *    alone, under the role's framework, and the resolver accepts only the asking model's framework). So the text
 *    of the file must show what that model's `handlerRole` needs to return a role, or it has no site of that model:
 *
 *    - Express (`express.handlerRole`): a parameter named like a response (`RESPONSE_NAME`: `res`, `resp`,
 *      `response`, `httpResponse`), or typed as one (every `RESPONSE_TYPES` name ends in `Response`), or a function
 *      passed to a route registration (`isRegisteredHandler`), where the response can have any name. A registration
 *      is a call of a method in `ROUTE_METHODS` (`get`, `use`, `route`...): the name, then the call's `(` (after the
 *      same widening as in 1). The call must have arguments (the handler is one of them), and besides `use` it must
 *      start with a path (`isPathArgument`: a string, template, regex or array, possibly parenthesised, cast or
 *      awaited) or be made on a call (`app.route('/x').get(fn)`: the receiver's text ends with `)`, then the `.`).
 *      Calls with no argument or a single string (`request(app).post('/x')` in tests) register nothing.
 *    - Next.js (`next.handlerRole`, `webResponse`): a parameter named like a response (pages API), a type or class
 *      ending in `Response` (`NextApiResponse`, `Response`, `NextResponse`), or `use server` (server actions).
 *    - node:http: the model is only asked at all in a file that imports `http`/`https`/`http2` (it is not a
 *      fallback model), and its role is for a function passed to `createServer`/`createSecureServer` or to
 *      `.on('request', ...)`: both an import of one of those modules and one of those names.
 *    - Koa: every site is a property of a context resolved through a Koa role (`contextMember`), given to a
 *      parameter named `ctx`/`context`/`koaCtx`/`koaContext` or typed as a context (every `CONTEXT_TYPE` ends in
 *      `Context`). Its hint then only needs the property written or called (`.body =`, `.throw(`), which keeps it
 *      true through casts and non-null assertions on the receiver (`(ctx as any).body = x`, `ctx!.throw()`).
 *    Fastify, hapi and NestJS have no evidence entry: their hints already name what their roles need (a `reply`/`h`
 *    parameter, an import). A model without an entry is filtered by its hint alone.
 *
 *    A parameter named N is written `(N`, `, N`, after a decorator (`@Res() N`, `@Res N`), after a comment or a line
 *    break, or as the lone parameter of an arrow (`N =>`); it is followed by `,`, `)`, `:` (a type), `=` (a
 *    default), `?` (optional) or a comment. `paramNamed` accepts all of these.
 *
 * Out of scope here: type facts (`--types`) can make any parameter a response whatever its name, so the analysis
 * skips this filter for files that have them; and a call handing a response to an imported helper is a site only
 * once cross-file summaries are known, which `mayNeedParse` (analyzer.ts) looks for on its own.
 *
 * Lexical assumptions (made by every hint as well): names and the string literals compared here (`'request'`,
 * module names, paths' quotes) are spelled out rather than written with escape sequences, no comment splits a
 * member access between its `.` and the property name, and a decorator before a Fastify or hapi parameter has no
 * nested parentheses (`@Inject(forwardRef(() => X)) reply`). A file holding an escape that can spell a printable ASCII
 * character (`\u0065`, `\u{65}`, `\x65`) is let through whatever it says, since such an escape could hide any name.
 *
 * Speed: every file goes through one regex joining all the widened hints, so keep each hint's alternatives starting
 * with characters the others already start with (`.`, `[`, quotes, `(`, `,`, `:`, `@`, `R`): each new first
 * character (a word boundary, a line break, a frequent letter) makes irregexp try more positions of every file, and
 * the joined regex can get several times slower. To look for a name that can stand anywhere, anchor on a rarer
 * character next to it and check the name with a lookbehind (Fastify's `=>(?<=\bfastify\s*=>)`).
 */
export type Prefilter = (text: string) => boolean;

const R = String.raw;

/** `\s*\(` as it appears in a hint's `RegExp.source`, and what it is widened to. */
const CALL_OPEN = R`\s*\(`;
const CALL_OPEN_WIDENED = R`(?:[\s)!]*(?:\(|<|\?\.|\/[*/]|:)|\s+(?:as|satisfies)\b)`;

/** An escape sequence that can spell a printable ASCII character, in an identifier or a string. */
const ASCII_ESCAPE = /\\(?:u(?:\{|00[2-7][0-9a-fA-F])|x[2-7][0-9a-fA-F])/;

function hasAsciiEscape(text: string): boolean {
  return testOnce(ASCII_ESCAPE, text);
}

/**
 * A parameter named one of `names` (an alternation), in any of the ways a parameter list can be written. Anchored on
 * the name, with what precedes it checked by lookbehind: written the other way round (`[(,)\n]\s*name`), irregexp
 * tries every comma, parenthesis and line break of the file, and the regex is 2.5x slower for the same matches.
 */
function paramNamed(names: string): string {
  const name = `(?:${names})`;
  return R`${name}(?:(?<=(?:[(,)/\n\r\u2028\u2029]|@[\w$.]+)\s*${name})\s*[,):=?/]|(?<=\b${name})\s*(?:=>|/))`;
}

/** The names of an anchored alternation of plain names (`/^(res|resp)$/`), or any identifier for anything else. */
function namesOf(re: RegExp): string {
  return /^\^\([\w$|]+\)\$$/.test(re.source) && !re.flags.includes('i') ? re.source.slice(2, -2) : R`[\w$]+`;
}

/** A parameter named by `RESPONSE_NAME` (frameworks/names.ts: `res`, `resp`, `response`, `httpResponse`). */
const RESPONSE_PARAM = paramNamed(namesOf(RESPONSE_NAME));

/** After a registration method's name: whatever may precede the call's `(`, or the `(` of a call with arguments. */
const NO_ARGUMENTS = R`\s*(?:'[^'\n\\]*'|"[^"\n\\]*"|\`[^\`\\]*\`)?\s*\)`;
const CALLED_WITH_ARGUMENTS = R`\s*(?:[<?/]|\)[\s)]*[(<?/]|\((?!${NO_ARGUMENTS}))`;
/** `ROUTE_METHODS` in frameworks/express.ts. */
const ROUTE_METHOD = '(?:get|post|put|patch|delete|del|all|use|options|head|param|route)';
const REGISTRATION = [
  // app.use(handler)
  R`\buse${CALLED_WITH_ARGUMENTS}`,
  // app.get('/x', handler), get(`/x`, ...), router.post(/x/, ...), app.all(['/a', '/b'], ...)
  R`\b${ROUTE_METHOD}\s*(?:[<?/]|\)[\s)]*[(<?/]|\((?!${NO_ARGUMENTS})\s*(?:['"\`/[(<]|await\b))`,
  // app.route('/x').get(handler): a method called on a call (anchored on the `.`, as in `paramNamed`)
  R`\.(?<=[)/\n\r\u2028\u2029]\s*\??\.)\s*${ROUTE_METHOD}${CALLED_WITH_ARGUMENTS}`,
].join('|');

/** Some regex of the list matches. */
type AnyOf = readonly RegExp[];

/** A response parameter, by name or by type: evidence for Express and Next.js alike, tested once for both. */
const RESPONSE_BINDING = new RegExp(`${RESPONSE_PARAM}|Response\\b`);

/**
 * What a file with a site of the model must contain besides the site (see the header): every entry must match (an
 * entry matches when one of its regexes does). Keyed by model id, so custom response sinks (which read Express
 * responses) share Express's entry.
 */
const EVIDENCE: Partial<Record<FrameworkId, readonly AnyOf[]>> = {
  express: [[RESPONSE_BINDING, new RegExp(REGISTRATION)]],
  next: [[RESPONSE_BINDING, /use server/]],
  'node-http': [[/['"](?:node:)?http[s2]?['"]/], [/\bcreate(?:Secure)?Server\b|['"]request['"]/]],
  koa: [[new RegExp(`${paramNamed('ctx|context|koaCtx|koaContext')}|Context\\b`)]],
};

function widen(hint: RegExp): RegExp {
  const flags = hint.flags.replace(/[gy]/g, '');
  if (hint.source.includes(CALL_OPEN)) {
    try {
      return new RegExp(hint.source.split(CALL_OPEN).join(CALL_OPEN_WIDENED), flags);
    } catch {
      // an unusual hint: keep it as written
    }
  }
  return new RegExp(hint.source, flags);
}

function tryRegExp(source: string, flags: string): RegExp | null {
  try {
    return new RegExp(source, flags);
  } catch {
    return null;
  }
}

/** One regex per set of flags matching any of `regexes` (joined into an alternation when they can be). */
function anyOf(regexes: RegExp[]): RegExp[] {
  const byFlags = new Map<string, string[]>();
  for (const re of regexes) {
    const list = byFlags.get(re.flags);
    if (list) {
      if (!list.includes(re.source)) list.push(re.source);
    } else {
      byFlags.set(re.flags, [re.source]);
    }
  }
  const out: RegExp[] = [];
  for (const [flags, sources] of byFlags) {
    // Back-references would point at other hints' groups once joined, and duplicate group names do not compile.
    const combined = sources.length > 1 && !sources.some((s) => /\\[1-9]|\\k</.test(s)) ? tryRegExp(sources.map((s) => `(?:${s})`).join('|'), flags) : null;
    if (combined) out.push(combined);
    else for (const s of sources) out.push(new RegExp(s, flags));
  }
  return out;
}

type ModelLike = Pick<FrameworkModel, 'hint'> & Partial<Pick<FrameworkModel, 'id'>>;

interface Check {
  hint: RegExp;
  evidence: readonly AnyOf[];
}

const checks = new WeakMap<ModelLike, Check>();

function checkOf(model: ModelLike): Check {
  let check = checks.get(model);
  if (!check) checks.set(model, (check = { hint: widen(model.hint), evidence: (model.id && EVIDENCE[model.id]) || [] }));
  return check;
}

let testedText: string | null = null;
const tested = new Map<RegExp, boolean>();

/**
 * `re.test(text)`, remembered for the last text: the filter and then the analysis ask the same hint and evidence
 * regexes about the same file (Express and Next.js share their evidence).
 */
function testOnce(re: RegExp, text: string): boolean {
  if (text !== testedText) {
    testedText = text;
    tested.clear();
  }
  let found = tested.get(re);
  if (found === undefined) tested.set(re, (found = re.test(text)));
  return found;
}

function hasEvidence(check: Check, text: string): boolean {
  return check.evidence.every((entry) => entry.some((re) => testOnce(re, text)));
}

function passes(check: Check, text: string): boolean {
  return testOnce(check.hint, text) && hasEvidence(check, text);
}

/**
 * Builds the filter from the models' hints and evidence. A first regex (one alternation of every widened hint and of
 * `ASCII_ESCAPE`, per set of regex flags) turns most files away in one pass; the files it lets through are then
 * checked model by model. Stateful flags (`g`, `y`) are dropped so `test` has no `lastIndex` to carry between files.
 */
export function buildPrefilter(models: readonly ModelLike[] = FRAMEWORKS): Prefilter {
  if (!models.length) return () => false;
  const checks = models.map(checkOf);
  return filterOf(checks, gateOf(checks));
}

function filterOf(checks: readonly Check[], gated: Prefilter): Prefilter {
  if (checks.every((c) => !c.evidence.length)) return gated;
  return (text) => gated(text) && (hasAsciiEscape(text) || checks.some((c) => passes(c, text)));
}

/** Whether some hint of `checks`, or an ASCII escape, is in the text: one pass per set of regex flags. */
function gateOf(checks: readonly Check[]): Prefilter {
  const gates = anyOf([...checks.map((c) => c.hint), ASCII_ESCAPE]);
  return (text) => gates.some((re) => testOnce(re, text));
}

/** Whether `text` may hold a site of this one model (its hint, widened as the filter widens it, and its evidence). */
export function mayHoldSiteOf(model: FrameworkModel, text: string): boolean {
  return passes(checkOf(model), text) || hasAsciiEscape(text);
}

/**
 * Whether `text` shows what some model needs to give a function a response: the model's evidence, or its hint when
 * the hint is what names it (Fastify's `reply`, hapi's `h`, NestJS's import). A route that hands its response to an
 * imported helper (`sendError(out, err)`) holds a site once the helper's summary is known, whatever else it shows.
 */
export function mayGiveResponseRole(text: string): boolean {
  // Usually asked after `mayHoldSite` turned the file away at its first regex, whose answer is remembered: then no
  // hint and no escape is in the text, and only the models with evidence are left to ask.
  const anyHint = defaults().gate(text);
  if (anyHint && hasAsciiEscape(text)) return true;
  return FRAMEWORKS.some((model) => {
    const check = checkOf(model);
    return check.evidence.length ? hasEvidence(check, text) : anyHint && testOnce(check.hint, text);
  });
}

let defaultChecks: { filter: Prefilter; gate: Prefilter } | null = null;

function defaults(): { filter: Prefilter; gate: Prefilter } {
  if (!defaultChecks) {
    const checks = FRAMEWORKS.map(checkOf);
    const gate = gateOf(checks);
    defaultChecks = { filter: filterOf(checks, gate), gate };
  }
  return defaultChecks;
}

/** Whether `text` may hold a response site of any framework model in `FRAMEWORKS`. */
export function mayHoldSite(text: string): boolean {
  return defaults().filter(text);
}
