import type * as t from '@babel/types';
import type { Finding, RuleId } from '../core/types';
import { RULE_IDS } from '../rules';

/**
 * Inline suppressions, ESLint style, with a mandatory reason:
 *
 *   // err-codemod-disable-next-line leaked-exception -- message is vetted by safeMessage()
 *   res.status(500).json({ error: err.message });
 *
 *   res.json(payload); // err-codemod-disable-line error-in-2xx -- legacy clients read `ok`
 *
 *   /* err-codemod-disable error-in-2xx, bare-500 -- v1 API frozen until 2026 *\/
 *   ...
 *   /* err-codemod-enable *\/            (or `err-codemod-enable error-in-2xx` to re-enable one rule)
 *
 * A directive must name at least one rule (comma or space separated) and give a reason after `--`; one that does not
 * suppresses nothing and is reported as a problem. A directive that suppresses no finding is reported as unused.
 */
export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  file: string;
  /** Position of the comment, 1-based. */
  line: number;
  column: number;
  rules: RuleId[];
  reason: string;
  /** Rules of this directive that suppressed at least one finding. */
  used: Set<RuleId>;
}

export interface DirectiveProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

interface Region {
  directive: Directive;
  rule: RuleId;
  /** For line directives: the 1-based line covered. */
  line?: number;
  /** For blocks: offsets [from, to). */
  from?: number;
  to?: number;
}

export interface FileDirectives {
  directives: Directive[];
  problems: DirectiveProblem[];
  regions: Region[];
}

const DIRECTIVE = /^\s*\**\s*err-codemod-(disable-next-line|disable-line|disable|enable)(?=\s|$)([\s\S]*)$/;

/** Whether a file's text may hold directives (cheap check before parsing it). */
export function mayHaveDirectives(text: string): boolean {
  return text.includes('err-codemod-');
}

/** Finds the directives among a file's comments and the regions they cover. */
export function parseDirectives(file: string, comments: readonly t.Comment[]): FileDirectives {
  const out: FileDirectives = { directives: [], problems: [], regions: [] };
  const open: Region[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.value);
    if (!m || !c.loc) continue;
    const kind = m[1] as DirectiveKind;
    const where = { file, line: c.loc.start.line, column: c.loc.start.column + 1 };
    const rest = m[2]!.replace(/\*+\s*$/, '');
    const dash = rest.search(/(^|\s)--/);
    const rulesPart = dash >= 0 ? rest.slice(0, dash) : rest;
    const reason = dash >= 0 ? rest.slice(dash).replace(/^\s*-{2,}/, '').replace(/\s+/g, ' ').trim() : '';
    const names = rulesPart.split(/[\s,]+/).filter(Boolean);
    const rules: RuleId[] = [];
    const problem = (message: string) => out.problems.push({ ...where, message });
    for (const name of names) {
      if (RULE_IDS.includes(name as RuleId)) rules.push(name as RuleId);
      else problem(`err-codemod-${kind}: unknown rule "${name}" (rules: ${RULE_IDS.join(', ')})`);
    }
    if (kind === 'enable') {
      const closing = names.length ? rules : null;
      for (let i = open.length - 1; i >= 0; i--) {
        const r = open[i]!;
        if (!closing || closing.includes(r.rule)) {
          r.to = c.start ?? 0;
          open.splice(i, 1);
        }
      }
      continue;
    }
    if (!names.length) {
      problem(`err-codemod-${kind} names no rule; write \`err-codemod-${kind} <rule> -- <reason>\` (blanket suppressions are not supported)`);
      continue;
    }
    if (!rules.length) continue;
    if (!reason) {
      problem(`err-codemod-${kind} ${rules.join(', ')} has no reason, so it suppresses nothing; add \` -- <why this is safe>\``);
      continue;
    }
    const directive: Directive = { kind, ...where, rules, reason, used: new Set() };
    out.directives.push(directive);
    for (const rule of rules) {
      if (kind === 'disable-next-line') out.regions.push({ directive, rule, line: c.loc.end.line + 1 });
      else if (kind === 'disable-line') out.regions.push({ directive, rule, line: c.loc.start.line });
      else {
        const region: Region = { directive, rule, from: c.end ?? 0, to: Number.POSITIVE_INFINITY };
        out.regions.push(region);
        open.push(region);
      }
    }
  }
  return out;
}

export interface SuppressionOutcome {
  kept: Finding[];
  suppressed: { finding: Finding; directive: Directive }[];
}

/** Drops the findings a directive covers, marking the directives used. */
export function applySuppressions(findings: readonly Finding[], byFile: ReadonlyMap<string, FileDirectives>): SuppressionOutcome {
  const out: SuppressionOutcome = { kept: [], suppressed: [] };
  for (const f of findings) {
    const regions = byFile.get(f.file)?.regions ?? [];
    const hit = regions.find(
      (r) => r.rule === f.ruleId && (r.line !== undefined ? r.line === f.line : f.range.start >= r.from! && f.range.start < r.to!),
    );
    if (hit) {
      hit.directive.used.add(f.ruleId);
      out.suppressed.push({ finding: f, directive: hit.directive });
    } else out.kept.push(f);
  }
  return out;
}

/** Directives (per rule) that suppressed nothing, like ESLint's unused disable directives. */
export function unusedDirectives(byFile: ReadonlyMap<string, FileDirectives>): DirectiveProblem[] {
  const out: DirectiveProblem[] = [];
  for (const fd of byFile.values()) {
    for (const d of fd.directives) {
      const unused = d.rules.filter((r) => !d.used.has(r));
      if (!unused.length) continue;
      const what = d.kind === 'disable-next-line' ? 'on the next line' : d.kind === 'disable-line' ? 'on this line' : 'in this block';
      out.push({
        file: d.file,
        line: d.line,
        column: d.column,
        message: `unused err-codemod-${d.kind}: no ${unused.join(' or ')} finding ${what}`,
      });
    }
  }
  return out;
}
