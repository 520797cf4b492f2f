import type { Evaluator } from '../core/evaluate';
import type { FileModel } from '../core/file-model';
import type { Site } from '../core/site';
import type { FixPlan, RelatedLocation, RuleId, Severity } from '../core/types';

export interface RuleMeta {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line: what the rule reports. */
  description: string;
  /** Why it matters and what to do instead. */
  rationale: string;
  bad: string;
  good: string;
  tags: string[];
  /** CWE ids such as `CWE-209`. */
  cwe: string[];
}

export interface RuleContext {
  file: FileModel;
  ev: Evaluator;
}

export interface Report {
  site: Site;
  message: string;
  fix?: FixPlan;
  related?: RelatedLocation[];
}

export interface Rule {
  meta: RuleMeta;
  /** Judges one response site. */
  checkSite?(site: Site, ctx: RuleContext): Report[];
  /** Judges all the sites of one handler together (for rules about how responses differ). */
  checkHandler?(sites: Site[], ctx: RuleContext): Report[];
}
