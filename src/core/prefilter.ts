import { FRAMEWORKS } from '../frameworks';
import type { FrameworkModel } from '../frameworks/types';

/**
 * The cheap pre-filter: whether a file's text may hold a response site, from the framework models' `hint`s.
 *
 * Every site a model recognises contains its hint (`FrameworkModel.hint`), and the analysis is per file: a file
 * without a site has no finding, and a helper that a site uses is in the site's own file (which matches). So files
 * whose text matches no hint are not parsed at all. A new framework model extends the filter through its hint.
 *
 * One widening on top of the hints, so that the filter keeps everything the parser-based matchers see: where a
 * hint expects a call's `(` right after a method name (`name\s*\(`), it also accepts what can legally sit between
 * the two in real code: type arguments (`res.json<Body>(...)`), an optional call (`res.json?.(...)`) and a comment
 * between the name and the `(`. Widening only ever lets more files through.
 */
export type Prefilter = (text: string) => boolean;

/** `\s*\(` as it appears in a hint's `RegExp.source`, and what it is widened to. */
const CALL_OPEN = String.raw`\s*\(`;
const CALL_OPEN_WIDENED = String.raw`\s*(?:\(|<|\?\.|\/[*/])`;

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

/**
 * Builds the filter from the models' hints: one alternation per set of regex flags (usually a single regex), with
 * stateful flags (`g`, `y`) dropped so `test` has no `lastIndex` to carry between files.
 */
export function buildPrefilter(models: readonly Pick<FrameworkModel, 'hint'>[] = FRAMEWORKS): Prefilter {
  const byFlags = new Map<string, string[]>();
  for (const { hint } of models) {
    const re = widen(hint);
    const list = byFlags.get(re.flags);
    if (list) {
      if (!list.includes(re.source)) list.push(re.source);
    } else {
      byFlags.set(re.flags, [re.source]);
    }
  }
  const regexes: RegExp[] = [];
  for (const [flags, sources] of byFlags) {
    // Back-references would point at other hints' groups once joined, and duplicate group names do not compile.
    const combined = sources.length > 1 && !sources.some((s) => /\\[1-9]|\\k</.test(s)) ? tryRegExp(sources.map((s) => `(?:${s})`).join('|'), flags) : null;
    if (combined) regexes.push(combined);
    else for (const s of sources) regexes.push(new RegExp(s, flags));
  }
  if (!regexes.length) return () => false;
  if (regexes.length === 1) {
    const only = regexes[0]!;
    return (text) => only.test(text);
  }
  return (text) => regexes.some((re) => re.test(text));
}

const widened = new WeakMap<FrameworkModel, RegExp>();

/** Whether `text` may hold a site of this one model (its hint, widened as the filter widens it). */
export function mayHoldSiteOf(model: FrameworkModel, text: string): boolean {
  let re = widened.get(model);
  if (!re) widened.set(model, (re = widen(model.hint)));
  return re.test(text);
}

let defaultFilter: Prefilter | null = null;

/** Whether `text` may hold a response site of any framework model in `FRAMEWORKS`. */
export function mayHoldSite(text: string): boolean {
  defaultFilter ??= buildPrefilter(FRAMEWORKS);
  return defaultFilter(text);
}
