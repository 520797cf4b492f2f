import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { relativePath, type AnalysisResult } from '../analyzer';
import type { Finding } from '../core/types';
import { ChangedFilesError, changedFiles } from '../discovery/changed';
import { findSourceFiles } from '../discovery/find-files';
import { DEFAULT_BASELINE, baselineRelative, BaselineError, entryFor, matchBaseline, readBaseline, writeBaseline, type Baseline, type BaselineEntry } from './baseline';
import { fingerprintFindings, siteInfo, type Fingerprint, type SiteInfo } from './fingerprint';
import { parseText, readText } from './sources';
import { applySuppressions, mayHaveDirectives, parseDirectives, unusedDirectives, type Directive, type DirectiveProblem, type FileDirectives } from './suppressions';

export { DEFAULT_BASELINE } from './baseline';

/** A usage problem of the gate (bad ref, missing or unreadable baseline...): exit code 2. */
export class GateError extends Error {
  override name = 'GateError';
}

export interface GateOptions {
  cwd: string;
  include?: string[];
  exclude?: string[];
  /** `--changed-since <ref>` */
  changedSince?: string;
  /** `--baseline [file]`: true for the default file. */
  baseline?: string | boolean;
  /** `--update-baseline [file]` */
  updateBaseline?: string | boolean;
}

export interface GateOutcome {
  /** What the run reports and gates on. */
  findings: Finding[];
  suppressed: { finding: Finding; directive: Directive }[];
  /** Findings the baseline already knows. */
  known: Finding[];
  /** Baseline entries for analysed files that no finding matched. */
  stale: BaselineEntry[];
  unusedSuppressions: DirectiveProblem[];
  directiveProblems: DirectiveProblem[];
  /** Baseline read or written, absolute. */
  baselineFile?: string;
  /** Number of entries written by `--update-baseline`. */
  baselineWritten?: number;
}

/**
 * The CI gate around an analysis: decides which files are analysed (`--changed-since`), then applies inline
 * suppressions and the baseline to the findings, so that the report and the exit code cover only what remains.
 */
export class Gate {
  /** Site code and enclosing function of each finding, once worked out (ASTs are not kept: one file at a time). */
  private readonly sites = new Map<Finding, SiteInfo>();

  constructor(
    private readonly options: GateOptions,
    /** Absolute paths of the files to analyse. */
    readonly files: string[],
    private readonly roots: string[],
    private readonly baselineFile: string | undefined,
    private readonly baseline: Baseline | undefined,
    private readonly update: boolean,
  ) {}

  /** True when only changed files are analysed (an empty selection is then not an error). */
  get changedOnly(): boolean {
    return !!this.options.changedSince;
  }

  /** The result of analysing nothing. */
  emptyResult(): AnalysisResult {
    return { findings: [], errors: [], filesScanned: 0, durationMs: 0 };
  }

  /** Works out the `SiteInfo` of the findings that lack it, parsing each of their files once. */
  private describe(findings: readonly Finding[]): void {
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) {
      if (this.sites.has(f)) continue;
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
    for (const [file, list] of byFile) {
      const abs = path.resolve(this.options.cwd, file);
      const text = readText(abs);
      const ast = text === null ? null : parseText(text, abs);
      for (const f of list) this.sites.set(f, text === null ? { site: '', chain: '' } : siteInfo(text, ast, f));
    }
  }

  /** Fingerprints as SARIF reports them (file relative to the current directory). */
  fingerprints(findings: readonly Finding[]): Map<Finding, Fingerprint> {
    this.describe(findings);
    return fingerprintFindings(findings, this.sites);
  }

  apply(result: AnalysisResult): GateOutcome {
    const { cwd } = this.options;
    const bfile = this.baselineFile;
    const errored = new Set(result.errors.map((e) => e.file));
    const findingsByFile = new Map<string, Finding[]>();
    for (const f of result.findings) {
      const list = findingsByFile.get(f.file);
      if (list) list.push(f);
      else findingsByFile.set(f.file, [f]);
    }
    // Directives can be in any analysed file, not only those with findings: unused ones are reported too.
    const directives = new Map<string, FileDirectives>();
    // The analysis noted which files mention directives; without that note, every file is read again here.
    const candidates = result.directiveFiles ?? this.files;
    for (const abs of candidates) {
      const rel = relativePath(cwd, abs);
      if (errored.has(rel)) continue;
      const text = readText(abs);
      if (text === null || !mayHaveDirectives(text)) continue;
      const ast = parseText(text, abs);
      if (!ast) continue;
      directives.set(rel, parseDirectives(rel, ast.comments ?? []));
      // The AST is at hand: describe this file's findings now rather than parse it again for the baseline.
      if (bfile) for (const f of findingsByFile.get(rel) ?? []) this.sites.set(f, siteInfo(text, ast, f));
    }
    const { kept, suppressed } = applySuppressions(result.findings, directives);
    const outcome: GateOutcome = {
      findings: kept,
      suppressed,
      known: [],
      stale: [],
      unusedSuppressions: unusedDirectives(directives),
      directiveProblems: [...directives.values()].flatMap((d) => d.problems),
    };
    if (!bfile) return outcome;
    outcome.baselineFile = bfile;

    const analysed = new Set(this.files.map((f) => path.resolve(f)).filter((f) => !errored.has(relativePath(cwd, f))));
    const inScope = (e: BaselineEntry) => {
      const abs = path.resolve(path.dirname(bfile), e.file);
      if (analysed.has(abs)) return true;
      // A file that is gone is stale when it lay under what was analysed.
      return !fs.existsSync(abs) && this.roots.some((r) => abs === r || abs.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
    };
    this.describe(kept);
    const keyOf = (f: Finding) => baselineRelative(bfile, path.resolve(cwd, f.file));
    const fps = fingerprintFindings(kept, this.sites, keyOf);
    const previous = this.baseline?.entries ?? [];
    if (this.update) {
      const entries = [...kept.map((f) => entryFor(f, fps.get(f)!, keyOf(f))), ...previous.filter((e) => !inScope(e))];
      try {
        writeBaseline(bfile, entries);
      } catch (error) {
        if (error instanceof BaselineError) throw new GateError(error.message);
        throw error;
      }
      outcome.baselineWritten = entries.length;
      outcome.known = kept;
      outcome.findings = [];
      return outcome;
    }
    const match = matchBaseline(kept, fps, previous.filter(inScope));
    outcome.findings = match.fresh;
    outcome.known = match.known;
    outcome.stale = match.unmatched;
    return outcome;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Resolves the files to analyse and reads the baseline, before any analysis; throws GateError on a usage problem. */
export async function prepareGate(paths: string[], options: GateOptions): Promise<Gate> {
  const { cwd } = options;
  const discovery: { cwd: string; include?: string[]; exclude?: string[] } = { cwd };
  if (options.include) discovery.include = options.include;
  if (options.exclude) discovery.exclude = options.exclude;
  const found = await findSourceFiles(paths, discovery);
  if (found.missing.length) throw new GateError(`no such file or directory: ${found.missing.join(', ')}`);
  let files = found.files;
  if (options.changedSince !== undefined) {
    let changed: Set<string>;
    try {
      changed = changedFiles(cwd, options.changedSince);
    } catch (error) {
      if (error instanceof ChangedFilesError) throw new GateError(error.message);
      throw error;
    }
    files = files.filter((f) => changed.has(path.resolve(f)));
  }

  const named = (v: string | boolean | undefined) => (typeof v === 'string' ? path.resolve(cwd, v) : undefined);
  const update = options.updateBaseline !== undefined && options.updateBaseline !== false;
  const wanted = options.baseline !== undefined && options.baseline !== false;
  let baselineFile: string | undefined;
  if (update) baselineFile = named(options.updateBaseline) ?? named(options.baseline) ?? path.resolve(cwd, DEFAULT_BASELINE);
  else if (wanted) baselineFile = named(options.baseline) ?? path.resolve(cwd, DEFAULT_BASELINE);
  let baseline: Baseline | undefined;
  if (baselineFile) {
    const flag = update ? '--update-baseline' : '--baseline';
    if (isDirectory(baselineFile)) {
      throw new GateError(`${flag}: ${path.relative(cwd, baselineFile) || '.'} is a directory; give the baseline file as \`${flag}=FILE\`, or put the paths to analyse before ${flag}`);
    }
    try {
      // When updating, an existing baseline keeps its entries for files this run does not analyse.
      if (!update || fs.existsSync(baselineFile)) baseline = readBaseline(baselineFile);
    } catch (error) {
      if (error instanceof BaselineError) throw new GateError(error.message);
      throw error;
    }
  }
  const roots = (paths.length ? paths : ['.']).map((p) => path.resolve(cwd, p));
  return new Gate(options, files, roots, baselineFile, baseline, update);
}

export interface NotesOptions {
  cwd: string;
  color: boolean;
  /** How many stale entries to list before summarizing the rest. */
  maxListed?: number;
}

/** What the gate has to tell a person, for stderr: problems with directives, unused ones, stale baseline entries. */
export function formatGateNotes(outcome: GateOutcome, options: NotesOptions): string {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  const max = options.maxListed ?? 20;
  const where = (p: DirectiveProblem) => c.dim(`${p.file}:${p.line}:${p.column}`);
  for (const p of outcome.directiveProblems) out.push(`${c.yellow('warning')} ${where(p)}  ${p.message}`);
  for (const p of outcome.unusedSuppressions) out.push(`${c.yellow('warning')} ${where(p)}  ${p.message}`);
  const rel = (abs: string) => path.relative(options.cwd, abs).split(path.sep).join('/') || '.';
  if (outcome.baselineFile) {
    const name = rel(outcome.baselineFile);
    if (outcome.baselineWritten !== undefined) {
      out.push(`err-codemod: wrote ${outcome.baselineWritten} finding${outcome.baselineWritten === 1 ? '' : 's'} to the baseline ${name}`);
    } else {
      if (outcome.stale.length) {
        const n = outcome.stale.length;
        out.push(
          `err-codemod: ${n} baseline entr${n === 1 ? 'y no longer matches' : 'ies no longer match'} a finding (fixed, or changed); ` +
            `run with --update-baseline to drop ${n === 1 ? 'it' : 'them'}:`,
        );
        const dir = path.dirname(outcome.baselineFile);
        for (const e of outcome.stale.slice(0, max)) {
          out.push(`  ${c.dim(`${rel(path.resolve(dir, e.file))}:${e.line}`)}  ${e.ruleId}  ${e.message}`);
        }
        if (n > max) out.push(`  ... and ${n - max} more`);
      }
    }
  }
  const counts: string[] = [];
  if (outcome.suppressed.length) counts.push(`${outcome.suppressed.length} suppressed inline`);
  if (outcome.known.length && outcome.baselineWritten === undefined && outcome.baselineFile) {
    counts.push(`${outcome.known.length} in the baseline ${rel(outcome.baselineFile)}`);
  }
  if (counts.length) out.push(`err-codemod: not reported: ${counts.join(', ')}`);
  return out.length ? `${out.join('\n')}\n` : '';
}
