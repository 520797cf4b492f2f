import fs from 'node:fs';
import path from 'node:path';
import jscodeshift, { type JSCodeshift } from 'jscodeshift';
import { createColors } from 'picocolors';
import { mayNeedParse, relativePath, skipReason } from '../analyzer';
import { analyzeSource, type AnalyzeFileOptions } from '../core/analyze-file';
import { linkRecorder, type FileLinks } from '../cross-file/links';
import { followImports } from '../cross-file/pass';
import { TsconfigNotFoundError } from '../types/errors';
import type { FileTypeFacts } from '../types/type-facts';
import type { Finding, RuleId } from '../core/types';
import { ConfigError, loadConfig } from '../config';
import { findSourceFiles } from '../discovery/find-files';
import { parseSource, ParseError } from '../parse/parse-source';
import { resolveRelative, scanCallers } from './callers';
import { unifiedDiff } from './diff';
import { uncommittedFiles } from './git';
import { clearProjectCache, isInsideErrorsModule, resolveErrorsModule, type ErrorsModule } from './project';
import { registerErrorHandler, usesGeneratedHandler } from './register';
import { positionOf } from './text';
import { jscodeshiftFor, rewriteSource, type RewriteResult } from './rewrite';
import type { CallerTask, ExportedHelper, SiteOutcome } from './types';

export const DEFAULT_ERRORS_MODULE = './src/errors';

export interface ApplyOptions {
  cwd: string;
  paths: string[];
  /** Only these rules' sites are rewritten. */
  rules?: RuleId[];
  write?: boolean;
  allowDirty?: boolean;
  /** Overrides `errorsModule` of the config (relative to cwd). */
  errorsModule?: string;
  config?: string;
  include?: string[];
  exclude?: string[];
  /** Register the generated Express handler in app entries that lack it (default true). */
  registerHandler?: boolean;
  /** As `analyze`: follow calls into other modules (default true); settle names with the type checker. */
  crossFile?: boolean;
  types?: boolean | string;
  color?: boolean;
  /** Colour the summary (default: no). */
  stderrColor?: boolean;
  /** Test seam: sees (and may replace) each rewritten text before the safety net re-parses it. */
  afterTransform?: (rel: string, output: string) => string;
  /** Where diffs go (default process.stdout). */
  stdout?: (text: string) => void;
  /** Where the summary and messages go (default process.stderr). */
  stderr?: (text: string) => void;
}

export interface ManualSite {
  file: string;
  line: number;
  column: number;
  ruleId: RuleId;
  alsoRules: RuleId[];
  reason: string;
}

export interface FileChange {
  file: string;
  rel: string;
  before: string;
  after: string;
  sites: SiteOutcome[];
  registered: boolean;
}

export interface ApplyResult {
  exitCode: 0 | 1 | 2;
  changes: FileChange[];
  rewrittenByRule: Partial<Record<RuleId, number>>;
  manual: ManualSite[];
  failed: { file: string; message: string }[];
  /** Files that could not be read or parsed (left alone, as `analyze` reports them). */
  skipped: { file: string; message: string }[];
  registered: { file: string; line: number }[];
  written: boolean;
  filesScanned: number;
}

interface FileState {
  abs: string;
  rel: string;
  source: string;
  findings: Finding[];
  /** jscodeshift with the parser this file needs; made (and its parse tried) only for files that get one. */
  readonly j: JSCodeshift;
}

/** A file's state whose jscodeshift is chosen on first use: most files of a project are never handed to it. */
function fileState(abs: string, rel: string, source: string, findings: Finding[]): FileState {
  let j: JSCodeshift | undefined;
  return {
    abs,
    rel,
    source,
    findings,
    get j() {
      return (j ??= jscodeshiftFor(jscodeshift, abs, source));
    },
  };
}

class UsageError extends Error {}

/** `err-codemod apply`: rewrites the sites `analyze` finds, prints diffs (or writes), and summarises. */
export async function runApply(options: ApplyOptions): Promise<ApplyResult> {
  const out = options.stdout ?? ((t: string) => void process.stdout.write(t));
  const err = options.stderr ?? ((t: string) => void process.stderr.write(t));
  const result: ApplyResult = {
    exitCode: 0,
    changes: [],
    rewrittenByRule: {},
    manual: [],
    failed: [],
    skipped: [],
    registered: [],
    written: false,
    filesScanned: 0,
  };
  try {
    await plan(options, result, err);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      err(`err-codemod: ${error.message}\n`);
      result.exitCode = 2;
      return result;
    }
    throw error;
  }
  if (result.exitCode === 2) return result;

  const cwd = path.resolve(options.cwd);
  if (options.write) {
    if (!options.allowDirty && result.changes.length) {
      const dirty = uncommittedFiles(cwd, result.changes.map((c) => c.file));
      if (dirty && dirty.length) {
        err(
          `err-codemod: refusing to write: these files have uncommitted changes (commit or stash them, or pass --allow-dirty):\n` +
            dirty.map((f) => `  ${relativePath(cwd, f)}\n`).join(''),
        );
        result.exitCode = 2;
        return result;
      }
    }
    for (const change of result.changes) {
      try {
        writeAtomically(change.file, change.after);
      } catch (error) {
        result.failed.push({ file: change.rel, message: `could not write: ${(error as Error).message}` });
      }
    }
    result.written = true;
  } else {
    const color = options.color ?? (!!process.stdout.isTTY && !process.env.NO_COLOR);
    for (const change of result.changes) out(unifiedDiff(change.rel, change.before, change.after, color));
  }
  err(formatSummary(result, options.stderrColor ?? false));
  if (result.failed.length) result.exitCode = 1;
  return result;
}

/** `--types`: the files' typed bindings, as `analyze --types` collects them (so both see the same sites). */
async function collectTypes(files: string[], cwd: string, types: boolean | string): Promise<Map<string, FileTypeFacts>> {
  const { collectTypeFacts } = await import('../types/type-facts.js');
  try {
    return collectTypeFacts(files, { cwd, ...(typeof types === 'string' ? { tsconfig: types } : {}) }).files;
  } catch (error) {
    if (error instanceof TsconfigNotFoundError) throw new UsageError(`--types: ${error.message}`);
    throw error;
  }
}

async function plan(options: ApplyOptions, result: ApplyResult, err: (t: string) => void): Promise<void> {
  const cwd = path.resolve(options.cwd);
  clearProjectCache();
  const config = loadConfig(cwd, options.config);
  const configured = options.errorsModule ?? config.errorsModule;
  const errorsModule = resolveErrorsModule(configured ?? DEFAULT_ERRORS_MODULE, cwd);
  if (!errorsModule.file) {
    const where = configured ? `"${configured}"` : `${DEFAULT_ERRORS_MODULE} (no errorsModule in err-codemod.config.json, no --errors-module)`;
    if (options.write) throw new UsageError(`the errors module ${where} does not exist: run \`err-codemod init\` first, or pass --errors-module`);
    err(`err-codemod: warning: the errors module ${where} does not exist yet; run \`err-codemod init\` before --write\n`);
  }
  const analyzeOptions: AnalyzeFileOptions = { rules: config.rules, sanitizers: config.sanitizers, responseSinks: config.responseSinks };
  const discovery = { cwd, include: options.include ?? config.include, exclude: [...(config.exclude ?? []), ...(options.exclude ?? [])] };
  const { files, missing } = await findSourceFiles(options.paths, discovery);
  if (missing.length) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
  if (!files.length) throw new UsageError('no JavaScript or TypeScript files found');
  result.filesScanned = files.length;

  // The same two passes as `analyze`: each file on its own, recording what it asks of other modules, then the
  // files whose imports have something to say again with the modules' summaries.
  const analysed: { abs: string; rel: string; source: string }[] = [];
  const outcomes = new Map<number, { findings: Finding[]; links?: FileLinks }>();
  const following = options.crossFile !== false;
  const typeFacts = options.types ? await collectTypes(files, cwd, options.types) : new Map<string, FileTypeFacts>();
  for (const abs of files) {
    if (isInsideErrorsModule(abs, errorsModule)) continue;
    const rel = relativePath(cwd, abs);
    let buffer: Buffer;
    try {
      buffer = fs.readFileSync(abs);
    } catch (error) {
      result.skipped.push({ file: rel, message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    const source = buffer.toString('utf8');
    const skip = skipReason(source, buffer.length);
    if (skip) {
      result.skipped.push({ file: rel, message: skip });
      continue;
    }
    const recorder = following ? linkRecorder() : null;
    const types = typeFacts.get(abs);
    try {
      // the same pre-filter as `analyze`: a file with no text a site needs has no finding, and is not parsed
      const findings = types || mayNeedParse(source, config.responseSinks, following) ? analyzeSource(source, rel, analyzeOptions, recorder?.hooks, types) : [];
      const links = recorder?.links();
      outcomes.set(analysed.length, links ? { findings, links } : { findings });
    } catch (error) {
      result.skipped.push({ file: rel, message: error instanceof ParseError ? `does not parse: ${error.message}` : `analysis failed: ${(error as Error).message}` });
      continue;
    }
    analysed.push({ abs, rel, source });
  }
  const byPath = new Map(analysed.map((a) => [a.abs, a]));
  if (following) followImports(
    analysed.map((a) => a.abs),
    outcomes,
    { cwd, sanitizers: config.sanitizers },
    (abs, hooks) => {
      const a = byPath.get(abs)!;
      return { findings: analyzeSource(a.source, a.rel, analyzeOptions, hooks, typeFacts.get(abs)) };
    },
  );

  const states = new Map<string, FileState>();
  analysed.forEach(({ abs, rel, source }, index) => {
    let findings = outcomes.get(index)?.findings ?? [];
    if (options.rules) findings = findings.filter((f) => options.rules!.includes(f.ruleId));
    const state = fileState(abs, rel, source, findings);
    if (findings.length) {
      try {
        void state.j;
      } catch (error) {
        result.failed.push({ file: rel, message: `jscodeshift cannot parse it: ${(error as Error).message.split('\n')[0]}` });
        return;
      }
    }
    states.set(abs, state);
  });

  const rewrite = (s: FileState, allowed: Set<number>, tasks: CallerTask[]): RewriteResult | Error => {
    try {
      return rewriteSource({ source: s.source, file: s.abs, displayPath: s.rel, j: s.j, findings: s.findings, errorsModule, exportedHelpersAllowed: allowed, callerTasks: tasks });
    } catch (error) {
      return error as Error;
    }
  };

  // Pass 1: every file on its own. Exported helpers wait for their callers.
  const first = new Map<string, RewriteResult | Error>();
  for (const s of states.values()) if (s.findings.length) first.set(s.abs, rewrite(s, new Set(), []));
  const helpers = [...first.values()].flatMap((r) => (r instanceof Error ? [] : r.exportedHelpers));

  // Pass 2: exported helpers whose every caller (anywhere in the project) is in this run and can pass `next`.
  const allowed = new Map<string, Set<number>>();
  const tasksByFile = new Map<string, CallerTask[]>();
  const blockedReasons = new Map<string, string>();
  if (helpers.length) {
    const project = await projectFiles(cwd);
    for (const helper of helpers) {
      const key = `${helper.file}:${helper.start}`;
      const { tasks, blocked } = findCallers(helper, project, states);
      if (blocked) {
        blockedReasons.set(key, blocked);
        continue;
      }
      // Every caller must accept `next` (its handler found, the parameter added if needed).
      let ok = true;
      for (const [file, list] of tasks) {
        const s = states.get(file)!;
        const r = rewrite(s, new Set(), list);
        const failure = r instanceof Error ? r.message : r.callers.find((c) => !c.ok)?.reason;
        if (failure) {
          blockedReasons.set(key, `${helper.name} is called from ${s.rel}: ${failure}`);
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const set = allowed.get(helper.file) ?? new Set<number>();
      set.add(helper.start);
      allowed.set(helper.file, set);
      for (const [file, list] of tasks) tasksByFile.set(file, [...(tasksByFile.get(file) ?? []), ...list]);
    }
  }

  const finals = new Map<string, RewriteResult | Error>();
  for (const s of states.values()) {
    const tasks = tasksByFile.get(s.abs) ?? [];
    const allow = allowed.get(s.abs) ?? new Set<number>();
    if (!tasks.length && !allow.size) {
      const r = first.get(s.abs);
      if (r) finals.set(s.abs, r);
      continue;
    }
    finals.set(s.abs, rewrite(s, allow, tasks));
  }

  // Register the generated handler in Express app entries, unless some file of the project already does.
  let register = options.registerHandler !== false && (config.framework ?? 'express') === 'express';
  if (register) {
    for (const s of states.values()) {
      try {
        if (usesGeneratedHandler({ source: s.source, file: s.abs, j: s.j, errorsModule })) register = false;
      } catch {
        // unparseable by jscodeshift: reported below if it matters
      }
      if (!register) break;
    }
  }
  for (const s of states.values()) {
    const r = finals.get(s.abs);
    if (r instanceof Error) {
      result.failed.push({ file: s.rel, message: `transform failed: ${r.message}` });
      continue;
    }
    let after = r?.output ?? s.source;
    let registered = false;
    let mapOffset = (o: number) => (r ? r.mapOffset(o) : o);
    // an app entry imports express and calls it (`const app = express()`): other files are not parsed for it
    if (register && /['"]express['"]/.test(s.source) && /=\s*(\w+|require\(\s*['"]express['"]\s*\))\s*\(\s*\)/.test(s.source)) {
      try {
        const reg = registerErrorHandler({ source: after, file: s.abs, j: s.j, errorsModule });
        if (reg.status === 'registered') {
          after = reg.output;
          const first = mapOffset;
          mapOffset = (o) => reg.mapOffset(first(o));
          registered = true;
          result.registered.push({ file: s.rel, line: reg.line ?? 0 });
        }
      } catch (error) {
        result.failed.push({ file: s.rel, message: `registering the error handler failed: ${(error as Error).message}` });
        continue;
      }
    }
    if (options.afterTransform && after !== s.source) after = options.afterTransform(s.rel, after);
    const sites = r?.sites ?? [];
    // Broken output is caught below: parse first, so positions of manual sites are only mapped into a written file.
    const broken = after === s.source ? null : parseProblem(after, s);
    for (const site of sites) {
      if (site.action === 'manual') {
        const blocked = site.reason?.includes('which is exported') ? helperBlockReason(s, r!, blockedReasons) : null;
        // After --write, positions are those of the written file (what `analyze` reports next).
        const at = options.write && !broken && after !== s.source ? positionOf(after, mapOffset(site.start)) : { line: site.line, column: site.column };
        result.manual.push({ file: s.rel, ...at, ruleId: site.ruleId, alsoRules: site.alsoRules, reason: blocked ?? site.reason ?? 'left alone' });
      }
    }
    if (after === s.source) continue;
    // Safety net: the output must parse, with the analyzer's parser and with jscodeshift's.
    if (broken) {
      result.failed.push({ file: s.rel, message: `the rewritten file does not parse (${broken}); the original was kept` });
      for (const site of sites) if (site.action === 'rewritten') result.manual.push({ file: s.rel, line: site.line, column: site.column, ruleId: site.ruleId, alsoRules: site.alsoRules, reason: 'the rewritten file did not parse' });
      if (registered) result.registered.pop();
      continue;
    }
    for (const site of sites) if (site.action === 'rewritten') result.rewrittenByRule[site.ruleId] = (result.rewrittenByRule[site.ruleId] ?? 0) + 1;
    result.changes.push({ file: s.abs, rel: s.rel, before: s.source, after, sites, registered });
  }
  result.manual.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

function helperBlockReason(s: FileState, r: RewriteResult, reasons: Map<string, string>): string | null {
  for (const h of r.exportedHelpers) {
    const why = reasons.get(`${h.file}:${h.start}`);
    if (why && h.file === s.abs) return `in helper ${h.name}, which is exported: ${why}`;
  }
  return null;
}

/** Callers of an exported helper across the project, grouped by file; blocked when one is out of reach. */
function findCallers(helper: ExportedHelper, project: string[], states: Map<string, FileState>): { tasks: Map<string, CallerTask[]>; blocked?: string } {
  const tasks = new Map<string, CallerTask[]>();
  const stem = path.basename(helper.file).replace(/\.[cm]?[jt]sx?$/, '');
  const dirStem = stem === 'index' ? path.basename(path.dirname(helper.file)) : stem;
  for (const file of project) {
    if (file === helper.file) continue;
    let source: string;
    const state = states.get(file);
    if (state) source = state.source;
    else {
      try {
        source = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
    }
    if (!source.includes(dirStem)) continue;
    const specs = [...source.matchAll(/(?:require\s*\(\s*|from\s+|import\s*\(\s*)['"`](\.[^'"`]+)['"`]/g)].map((m) => m[1]!);
    if (!specs.some((spec) => resolveRelative(file, spec) === helper.file)) continue;
    if (!state) return { tasks, blocked: `${helper.name} is also called from ${path.relative(process.cwd(), file)}, outside the paths given` };
    let scan;
    try {
      scan = scanCallers(state.j, source, file, helper);
    } catch (error) {
      return { tasks, blocked: `${state.rel} could not be read for calls to ${helper.name}: ${(error as Error).message}` };
    }
    if (scan.blocked) return { tasks, blocked: scan.blocked };
    if (scan.tasks.length) tasks.set(file, scan.tasks);
  }
  // Exported but called from nowhere in the project: someone else calls it, without `next`.
  if (!tasks.size) return { tasks, blocked: `no call to ${helper.name} was found in the project, so its callers cannot be given \`next\`` };
  return { tasks };
}

async function projectFiles(cwd: string): Promise<string[]> {
  const { files } = await findSourceFiles(['.'], { cwd });
  return files;
}

function parseProblem(code: string, s: FileState): string | null {
  try {
    // the analyzer's parser, and the parser jscodeshift reads this file with (without recast's extra work)
    parseSource(code, s.abs);
    jscodeshiftFor(jscodeshift, s.abs, code);
    return null;
  } catch (error) {
    return (error as Error).message.split('\n')[0]!;
  }
}

/** Writes through a temporary file in the same folder, then renames it over the original (keeping its mode). */
export function writeAtomically(file: string, content: string): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.err-codemod-${process.pid}-${Date.now()}.tmp`);
  const mode = fs.statSync(file).mode;
  try {
    fs.writeFileSync(tmp, content, { mode });
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

const RULE_ORDER: RuleId[] = ['leaked-exception', 'leaked-downstream', 'error-in-2xx', 'bare-500', 'client-error-as-500', 'auth-status-mismatch', 'account-enumeration'];

/** The summary printed to stderr: files changed, sites per rule, sites left with the reason, failures. */
export function formatSummary(result: ApplyResult, color: boolean): string {
  const pc = createColors(color);
  const total = Object.values(result.rewrittenByRule).reduce((a, b) => a + (b ?? 0), 0);
  const lines: string[] = [];
  const verb = result.written ? 'changed' : 'to change';
  lines.push(
    pc.bold(`err-codemod apply: ${result.changes.length} file${result.changes.length === 1 ? '' : 's'} ${verb}, ${total} site${total === 1 ? '' : 's'} rewritten`) +
      (result.written ? '' : ' (dry run: nothing written; rerun with --write)'),
  );
  for (const rule of RULE_ORDER) {
    const n = result.rewrittenByRule[rule];
    if (n) lines.push(`  ${rule.padEnd(22)} ${String(n).padStart(3)}`);
  }
  for (const r of result.registered) lines.push(`  error handler registered in ${r.file}:${r.line}`);
  if (result.manual.length) {
    lines.push(pc.yellow(`Left for manual review (${result.manual.length}):`));
    for (const m of result.manual) {
      const also = m.alsoRules.length ? ` (+${m.alsoRules.join(', ')})` : '';
      lines.push(`  ${m.file}:${m.line}:${m.column}  ${m.ruleId}${also}: ${m.reason}`);
    }
  }
  if (result.skipped.length) {
    lines.push(`Skipped (${result.skipped.length}):`);
    for (const s of result.skipped) lines.push(`  ${s.file}: ${s.message}`);
  }
  if (result.failed.length) {
    lines.push(pc.red(`Failed (${result.failed.length}):`));
    for (const f of result.failed) lines.push(`  ${f.file}: ${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}

export { resolveErrorsModule, type ErrorsModule };
