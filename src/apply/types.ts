import type { FixPlan, RuleId } from '../core/types';

/** What happened to one site (all the findings that share its range count as one site). */
export interface SiteOutcome {
  /** The rule whose plan was used, or the first rule reported at the site. */
  ruleId: RuleId;
  /** Other rules reported at the same site, fixed (or left) along with it. */
  alsoRules: RuleId[];
  line: number;
  column: number;
  /** Offset of the site in the original text. */
  start: number;
  action: 'rewritten' | 'manual';
  /** Why a site was left for manual review. */
  reason?: string;
  plan?: FixPlan;
  /** How the error is handed on. */
  emitted?: 'throw' | 'return-next' | 'next' | 'removed';
}

/** A same-file helper (`sendError(res, err)`) that is exported: its callers in other files must pass `next`. */
export interface ExportedHelper {
  /** Absolute path of the file that defines it. */
  file: string;
  /** `default` for `module.exports = fn` / `export default`, else the export name. */
  exportName: string;
  /** Offset of the helper function in its file (identifies it between passes). */
  start: number;
  /** Index of the response parameter. */
  resIndex: number;
  /** Index the `next` argument goes to. */
  nextIndex: number;
  name: string;
}

/** A call in this file to a helper of another file: `next` must be passed as argument `nextIndex`. */
export interface CallerTask {
  start: number;
  end: number;
  resIndex: number;
  nextIndex: number;
  helper: string;
}

export interface CallerOutcome {
  task: CallerTask;
  ok: boolean;
  reason?: string;
}
