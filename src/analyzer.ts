import fs from 'node:fs';
import path from 'node:path';
import { analyzeSource, compareFindings, type AnalyzeFileOptions } from './core/analyze-file';
import { mayGiveResponseRole, mayHoldSite } from './core/prefilter';
import type { FileError, Finding } from './core/types';
import { findSourceFiles, type DiscoveryOptions } from './discovery/find-files';
import { resolveJobs, type JobsOption } from './parallel/jobs';
import { analyzeInWorkers, WorkersUnavailableError } from './parallel/pool';
import { ParseError } from './parse/parse-source';
import { mayHaveDirectives } from './gate/suppressions';
import type { CrossFileHooks } from './core/imports';
import type { FileTypeFacts } from './types/type-facts';
import { linkRecorder, type FileLinks } from './cross-file/links';
import { followImports } from './cross-file/pass';

export interface AnalysisResult {
  findings: Finding[];
  errors: FileError[];
  filesScanned: number;
  durationMs: number;
  /** Files whose text mentions `err-codemod-` (suppression directives), so the gate need not read every file again. */
  directiveFiles?: string[];
  /** With `--types`: the tsconfig files used, how many files none covers, and what collecting the types took. */
  types?: { projects: string[]; untyped: number; durationMs: number };
}

export interface AnalyzeOptions extends AnalyzeFileOptions {
  cwd: string;
  include?: string[];
  exclude?: string[];
  /**
   * Worker threads for `analyzePaths`: 1 analyses in this thread (no worker at all), N > 1 uses N workers,
   * `'auto'` (the default) picks from the machine and the number of files (see `parallel/jobs.ts`).
   */
  jobs?: JobsOption;
  /**
   * Skip files whose text matches no framework hint without parsing them (default true). They cannot hold a
   * finding; a syntax error in such a file is not reported since the file is never parsed.
   */
  prefilter?: boolean;
  /** Called as files complete (`done` of `total`), in completion order: for a progress indicator. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Follow calls into other project modules (default true): imported helpers' summaries settle what their callers
   * send, and response helpers list their callers in other files.
   */
  crossFile?: boolean;
  /**
   * `--types`: settle with the TypeScript checker what names alone cannot (a response parameter called `out`, an
   * AxiosError called `problem`). `true` uses each file's nearest tsconfig.json; a string names one tsconfig.
   */
  types?: boolean | string;
  /** Filled by `analyzeFiles` when `types` is on: each file's typed bindings (plain data, sent to workers). */
  typeFacts?: Record<string, FileTypeFacts>;
}

/** Files larger than this are read only to check whether they are generated bundles. */
const LARGE_FILE = 1024 * 1024;
const MINIFIED_LINE = 2000;

export function relativePath(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
}

/** Why a file's text is not worth analysing (binary, generated bundle), or null. */
export function skipReason(text: string, bytes: number): string | null {
  if (text.includes('\u0000')) return 'Skipped: binary content';
  if (bytes > LARGE_FILE) {
    const lines = text.split('\n');
    const longest = lines.reduce((m, l) => Math.max(m, l.length), 0);
    if (longest > MINIFIED_LINE || /^\/\*[!*]|webpackBootstrap|__webpack_require__|\(function\s*\(modules\)/.test(text.slice(0, 2000))) {
      return `Skipped: looks like a generated or minified bundle (${(bytes / 1024 / 1024).toFixed(1)} MB)`;
    }
  }
  return null;
}

export type FileOutcome = { findings: Finding[]; error?: FileError; directives?: true; links?: FileLinks };

/** Outcomes worth sending back and keeping: the rest of the files leave nothing behind. */
export function worthKeeping(outcome: FileOutcome): boolean {
  return outcome.findings.length > 0 || !!outcome.error || !!outcome.directives || !!outcome.links;
}

/** A file that imports or requires something: it may hand its response to another module's helper. */
const IMPORTS = /\bimport\b|\brequire\s*\(/;
/** A function written in the file: a route file that only names other modules' handlers hands nothing over. */
const FUNCTION_LITERAL = /=>|\bfunction\b/;

/**
 * The pre-filter: whether a file's text can hold a site, or (following imports) a call handing a response to an
 * imported helper (`sendError(out, err)` in a registered route): such a file holds sites once the helpers' summaries
 * are known, though it matches no framework hint.
 */
export function mayNeedParse(text: string, responseSinks: readonly string[] | undefined, crossFile: boolean): boolean {
  return mayHoldSite(text) || !!responseSinks?.some((name) => text.includes(name)) || (crossFile && IMPORTS.test(text) && FUNCTION_LITERAL.test(text) && mayGiveResponseRole(text));
}

/**
 * Reads and analyses one file; every failure becomes a FileError, never an exception. Files the pre-filter rules
 * out (no text any framework model's sites contain) are read but not parsed.
 */
export function analyzeFile(absPath: string, options: AnalyzeOptions, crossFile?: CrossFileHooks): FileOutcome {
  const types = options.typeFacts?.[absPath];
  const file = () => relativePath(options.cwd, absPath);
  let text: string;
  let bytes: number;
  try {
    text = fs.readFileSync(absPath, 'utf8');
    // Each UTF-16 unit comes from at most 3 bytes of the file: only a text this long can be over LARGE_FILE bytes.
    bytes = text.length * 3 > LARGE_FILE ? fs.statSync(absPath).size : text.length;
  } catch (error) {
    return { findings: [], error: { file: file(), message: `Cannot read file: ${(error as Error).message}` } };
  }
  const skip = skipReason(text, bytes);
  if (skip) return { findings: [], error: { file: file(), message: skip } };
  const following = options.crossFile !== false;
  const ruledOut = options.prefilter !== false && !crossFile && !types && !mayNeedParse(text, options.responseSinks, following);
  // first pass: questions about other modules are recorded; second pass (`crossFile` given): they are answered
  const recorder = following && !crossFile ? linkRecorder() : null;
  const outcome = analyzeText(text, ruledOut ? null : file(), options, crossFile ?? recorder?.hooks, types);
  const links = recorder?.links();
  if (links) outcome.links = links;
  if (mayHaveDirectives(text)) outcome.directives = true;
  return outcome;
}

/** Analyses a file's text (`rel` null: ruled out by the pre-filter). */
function analyzeText(text: string, rel: string | null, options: AnalyzeOptions, crossFile: CrossFileHooks | undefined, types: FileTypeFacts | undefined): FileOutcome {
  if (rel === null) return { findings: [] };
  try {
    return { findings: analyzeSource(text, rel, options, crossFile, types) };
  } catch (error) {
    if (error instanceof ParseError) {
      const e: FileError = { file: rel, message: error.message };
      if (error.line !== undefined) e.line = error.line;
      if (error.column !== undefined) e.column = error.column;
      return { findings: [], error: e };
    }
    return { findings: [], error: { file: rel, message: `Analysis failed: ${(error as Error).message}` } };
  }
}

/**
 * Analyses files in this thread, reporting each outcome by index. Only outcomes with something in them are kept
 * by the caller, so memory grows with the findings, not with the files (no AST outlives its file).
 */
function analyzeInProcess(files: string[], options: AnalyzeOptions, onOutcome: (index: number, outcome: FileOutcome) => void): void {
  const { onProgress } = options;
  for (let i = 0; i < files.length; i++) {
    const outcome = analyzeFile(files[i]!, options);
    if (worthKeeping(outcome)) onOutcome(i, outcome);
    onProgress?.(i + 1, files.length);
  }
}

export async function analyzePaths(paths: string[], options: AnalyzeOptions): Promise<AnalysisResult & { missing: string[] }> {
  const started = performance.now();
  const discovery: DiscoveryOptions = { cwd: options.cwd };
  if (options.include) discovery.include = options.include;
  if (options.exclude) discovery.exclude = options.exclude;
  const { files, missing } = await findSourceFiles(paths, discovery);
  return { ...(await analyzeFiles(files, options, started)), missing };
}

/** Analyses files already found (absolute paths, in the order results are merged). */
export async function analyzeFiles(files: string[], options: AnalyzeOptions, started = performance.now()): Promise<AnalysisResult> {
  let types: AnalysisResult['types'];
  if (options.types) {
    // loaded only here: the TypeScript checker costs seconds and hundreds of MB, the default analysis never pays it
    const { collectTypeFacts } = await import('./types/type-facts.js');
    const collected = collectTypeFacts(files, { cwd: options.cwd, ...(typeof options.types === 'string' ? { tsconfig: options.types } : {}) });
    options = { ...options, typeFacts: Object.fromEntries(collected.files) };
    types = { projects: collected.projects.map((p) => relativePath(options.cwd, p)), untyped: collected.untyped.length, durationMs: Math.round(collected.durationMs) };
  }

  // Outcomes arrive in any order (workers finish batches when they do); they are merged by file index below, so
  // the result is the same whatever the number of jobs.
  const outcomes = new Map<number, FileOutcome>();
  const keep = (index: number, outcome: FileOutcome) => {
    outcomes.set(index, outcome);
  };
  const jobs = resolveJobs(options.jobs, files.length);
  let done = false;
  if (jobs > 1) {
    try {
      await analyzeInWorkers(files, options, jobs, keep);
      done = true;
    } catch (error) {
      // No worker could start (no compiled worker entry, options that cannot be sent): do it here instead.
      if (!(error instanceof WorkersUnavailableError)) throw error;
      outcomes.clear();
    }
  }
  if (!done) analyzeInProcess(files, options, keep);
  if (options.crossFile !== false) followImports(files, outcomes, options, (file, hooks) => analyzeFile(file, options, hooks));

  const findings: Finding[] = [];
  const errors: FileError[] = [];
  const directiveFiles: string[] = [];
  for (const index of [...outcomes.keys()].sort((a, b) => a - b)) {
    const outcome = outcomes.get(index)!;
    for (const f of outcome.findings) findings.push(f);
    if (outcome.error) errors.push(outcome.error);
    if (outcome.directives) directiveFiles.push(files[index]!);
  }
  findings.sort(compareFindings);
  return { findings, errors, filesScanned: files.length, durationMs: Math.round(performance.now() - started), directiveFiles, ...(types ? { types } : {}) };
}
