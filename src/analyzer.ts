import fs from 'node:fs';
import path from 'node:path';
import { analyzeSource, compareFindings, type AnalyzeFileOptions } from './core/analyze-file';
import type { FileError, Finding } from './core/types';
import { findSourceFiles, type DiscoveryOptions } from './discovery/find-files';
import { ParseError } from './parse/parse-source';

export interface AnalysisResult {
  findings: Finding[];
  errors: FileError[];
  filesScanned: number;
  durationMs: number;
}

export interface AnalyzeOptions extends AnalyzeFileOptions {
  cwd: string;
  include?: string[];
  exclude?: string[];
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

export type FileOutcome = { findings: Finding[]; error?: FileError };

/** Reads and analyses one file; every failure becomes a FileError, never an exception. */
export function analyzeFile(absPath: string, options: AnalyzeOptions): FileOutcome {
  const file = relativePath(options.cwd, absPath);
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(absPath);
  } catch (error) {
    return { findings: [], error: { file, message: `Cannot read file: ${(error as Error).message}` } };
  }
  const text = buffer.toString('utf8');
  const skip = skipReason(text, buffer.length);
  if (skip) return { findings: [], error: { file, message: skip } };
  try {
    return { findings: analyzeSource(text, file, options) };
  } catch (error) {
    if (error instanceof ParseError) {
      const e: FileError = { file, message: error.message };
      if (error.line !== undefined) e.line = error.line;
      if (error.column !== undefined) e.column = error.column;
      return { findings: [], error: e };
    }
    return { findings: [], error: { file, message: `Analysis failed: ${(error as Error).message}` } };
  }
}

export async function analyzePaths(paths: string[], options: AnalyzeOptions): Promise<AnalysisResult & { missing: string[] }> {
  const started = performance.now();
  const discovery: DiscoveryOptions = { cwd: options.cwd };
  if (options.include) discovery.include = options.include;
  if (options.exclude) discovery.exclude = options.exclude;
  const { files, missing } = await findSourceFiles(paths, discovery);
  const findings: Finding[] = [];
  const errors: FileError[] = [];
  for (const f of files) {
    const outcome = analyzeFile(f, options);
    findings.push(...outcome.findings);
    if (outcome.error) errors.push(outcome.error);
  }
  findings.sort(compareFindings);
  return { findings, errors, filesScanned: files.length, durationMs: Math.round(performance.now() - started), missing };
}
