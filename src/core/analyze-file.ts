import type * as t from '@babel/types';
import type { Node } from './ast';
import { Evaluator } from './evaluate';
import { activeModels, buildFileModel, collectFacts } from './file-model';
import { buildSite, type Site } from './site';
import type { Finding, RuleId, Severity } from './types';
import { parseSource } from '../parse/parse-source';
import { mayHoldSiteOf } from './prefilter';
import { FRAMEWORKS } from '../frameworks';
import { customSinksModel } from '../frameworks/custom-sinks';
import { RULES } from '../rules';
import type { Report } from '../rules/types';
import { helperSuffix } from '../rules/leaks';
import { exportKeysOf, exportTable, type ExportTable } from '../cross-file/exports';
import type { CrossFileHooks } from './imports';
import type { FileTypeFacts } from '../types/type-facts';

export interface AnalyzeFileOptions {
  /** Rule severities; a rule set to 'off' (or missing when `rules` is given) does not run. */
  rules?: Partial<Record<RuleId, Severity | 'off'>>;
  sanitizers?: string[];
  /** Extra method names that send a response (config `responseSinks`). */
  responseSinks?: string[];
}

/**
 * Parses and analyses one file's source. Throws ParseError when it does not parse. `crossFile`: how other modules'
 * summaries are seen (cross-file analysis); without it, imported functions are unknown.
 */
export function analyzeSource(code: string, file: string, options: AnalyzeFileOptions = {}, crossFile?: CrossFileHooks, types?: FileTypeFacts): Finding[] {
  const ast = parseSource(code, file);
  const program = ast.program as t.Program;
  return analyzeProgram(program, file, options, code, crossFile, types);
}

/** `text`, when given, lets models whose hint is not in it skip looking for sites they cannot have. */
export function analyzeProgram(
  program: t.Program,
  file: string,
  options: AnalyzeFileOptions = {},
  text?: string,
  crossFile?: CrossFileHooks,
  types?: FileTypeFacts,
): Finding[] {
  const facts = collectFacts(program, text);
  const models = activeModels(FRAMEWORKS, facts);
  const custom = customSinksModel(options.responseSinks ?? []);
  const siteModels = [...(custom ? [custom] : []), ...models];
  // with types, a response may have any name: every model looks for sites
  const hinted = text === undefined || types ? siteModels : siteModels.filter((m) => mayHoldSiteOf(m, text));
  const model = buildFileModel(program, facts, models, hinted, crossFile, types);
  if (!model.sites.length) return [];
  const ev = new Evaluator(model, { sanitizers: new Set(options.sanitizers ?? []) });
  const sites = model.sites.map((r) => buildSite(r, model, ev));
  const ctx = { file: model, ev };
  const findings: Finding[] = [];
  let table: ExportTable | undefined;

  for (const rule of RULES) {
    const severity = options.rules?.[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    const reports: Report[] = [];
    if (rule.checkSite) for (const site of sites) reports.push(...rule.checkSite(site, ctx));
    if (rule.checkHandler) for (const group of groupByHandler(sites)) reports.push(...rule.checkHandler(group, ctx));
    for (const r of reports) {
      const finding = toFinding(r, rule.meta.id, severity, file);
      if (crossFile && r.site.helper) markHelper(finding, r.site, (table ??= exportTable(program, facts.importedNames)));
      findings.push(finding);
    }
  }
  return findings.sort(compareFindings);
}

/**
 * A finding inside an exported response helper remembers how the helper is exported and the suffix naming its
 * same-file callers, so that callers in other files can be added to it once all files are analysed.
 */
function markHelper(finding: Finding, site: Site, table: ExportTable): void {
  const fn = site.handler?.fn;
  if (!fn || !site.helper) return;
  const exports = exportKeysOf(table, fn);
  if (!exports.length) return;
  finding.helper = { name: site.helper.name, exports, suffix: helperSuffix(site), lines: site.helper.calls.map((c) => c.node.loc!.start.line) };
}

function groupByHandler(sites: Site[]): Site[][] {
  const groups = new Map<Node, Site[]>();
  for (const s of sites) {
    const key = s.handler?.node;
    if (!key) continue;
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.values()];
}

function toFinding(r: Report, ruleId: RuleId, severity: Severity, file: string): Finding {
  const { range } = r.site;
  const finding: Finding = {
    ruleId,
    severity,
    file,
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
    message: r.message,
    framework: r.site.framework,
    fixable: !!r.fix,
    range,
  };
  if (r.fix) finding.fix = r.fix;
  if (r.related?.length) finding.related = r.related;
  return finding;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
