import fs from 'node:fs';
import path from 'node:path';
import type { Finding, RuleId } from '../core/types';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import type { Fingerprint } from './fingerprint';

export const DEFAULT_BASELINE = '.err-codemod-baseline.json';
const FORMAT_VERSION = 1;

/** One known finding. `file` is relative to the baseline file's folder, with `/` separators. */
export interface BaselineEntry {
  ruleId: RuleId;
  file: string;
  /** Where the finding was when the baseline was written: for people reading the file, not used for matching. */
  line: number;
  message: string;
  fingerprint: string;
  siteHash: string;
  contextHash: string;
}

export interface Baseline {
  /** Absolute path of the baseline file. */
  file: string;
  entries: BaselineEntry[];
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Path of `absFile` as a baseline written at `baselineFile` records it. */
export function baselineRelative(baselineFile: string, absFile: string): string {
  return toPosix(path.relative(path.dirname(baselineFile), absFile));
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BaselineError(`baseline ${file} does not exist; create it with \`err-codemod analyze --update-baseline\``);
    throw new BaselineError(`cannot read baseline ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`baseline ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const doc = raw as { version?: unknown; findings?: unknown };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Array.isArray(doc.findings)) {
    throw new BaselineError(`baseline ${file} is not an err-codemod baseline (no "findings" array)`);
  }
  if (doc.version !== FORMAT_VERSION) throw new BaselineError(`baseline ${file} has version ${JSON.stringify(doc.version)}; this err-codemod reads version ${FORMAT_VERSION}`);
  const entries: BaselineEntry[] = [];
  doc.findings.forEach((e: unknown, i: number) => {
    const o = e as Partial<BaselineEntry> | null;
    if (typeof o !== 'object' || o === null || typeof o.ruleId !== 'string' || typeof o.file !== 'string' || typeof o.fingerprint !== 'string') {
      throw new BaselineError(`baseline ${file}: "findings[${i}]" needs string "ruleId", "file" and "fingerprint"`);
    }
    entries.push({
      ruleId: o.ruleId,
      file: o.file,
      line: typeof o.line === 'number' ? o.line : 0,
      message: typeof o.message === 'string' ? o.message : '',
      fingerprint: o.fingerprint,
      siteHash: typeof o.siteHash === 'string' ? o.siteHash : '',
      contextHash: typeof o.contextHash === 'string' ? o.contextHash : '',
    });
  });
  return { file, entries };
}

export function writeBaseline(file: string, entries: BaselineEntry[]): void {
  const sorted = [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)));
  const doc = {
    version: FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    description: 'Known err-codemod findings: `analyze --baseline` reports and gates only on findings not listed here. Regenerate with `err-codemod analyze --update-baseline`.',
    findings: sorted.map((e) => ({ ruleId: e.ruleId, file: e.file, line: e.line, message: e.message, fingerprint: e.fingerprint, siteHash: e.siteHash, contextHash: e.contextHash })),
  };
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`);
    fs.renameSync(tmp, file);
  } catch (error) {
    throw new BaselineError(`cannot write baseline ${file}: ${(error as Error).message}`);
  }
}

export function entryFor(finding: Finding, fp: Fingerprint, file: string): BaselineEntry {
  return { ruleId: finding.ruleId, file, line: finding.line, message: finding.message, fingerprint: fp.fingerprint, siteHash: fp.siteHash, contextHash: fp.contextHash };
}

export interface BaselineMatch {
  /** Findings not in the baseline: what the run reports and gates on. */
  fresh: Finding[];
  /** Findings the baseline already knows. */
  known: Finding[];
  /** Entries no finding matched (fixed, or changed beyond recognition). */
  unmatched: BaselineEntry[];
}

/**
 * Matches findings to entries, in three passes over what is still unmatched:
 * 1. exact fingerprint (only lines moved, or code elsewhere changed);
 * 2. same rule, file and site code (the enclosing function was renamed, or its route path changed);
 * 3. same rule, file and enclosing function (the site's own line was edited, say its message reworded).
 * Each entry matches at most one finding, so a copy of a known leak in another function is still new, and so is a
 * second leak in a function whose one known leak is still there.
 */
export function matchBaseline(findings: readonly Finding[], fps: ReadonlyMap<Finding, Fingerprint>, entries: readonly BaselineEntry[]): BaselineMatch {
  const used = new Set<BaselineEntry>();
  const known = new Set<Finding>();
  const pass = (key: (x: Fingerprint | BaselineEntry) => string) => {
    const index = new Map<string, BaselineEntry[]>();
    for (const e of entries) {
      const k = key(e);
      if (used.has(e) || !k) continue;
      const list = index.get(k);
      if (list) list.push(e);
      else index.set(k, [e]);
    }
    for (const f of findings) {
      const fp = fps.get(f);
      if (known.has(f) || !fp) continue;
      const e = index.get(key(fp))?.find((x) => !used.has(x));
      if (e) {
        used.add(e);
        known.add(f);
      }
    }
  };
  pass((x) => x.fingerprint);
  pass((x) => x.siteHash);
  pass((x) => x.contextHash);
  return {
    fresh: findings.filter((f) => !known.has(f)),
    known: findings.filter((f) => known.has(f)),
    unmatched: entries.filter((e) => !used.has(e)),
  };
}
