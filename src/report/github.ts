import path from 'node:path';
import type { AnalysisResult } from '../analyzer';

/** Escaping of workflow command data (the message). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of workflow command property values (`file=`, `title=`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface GithubOptions {
  cwd: string;
  /** Repository root the annotation paths must be relative to; defaults to `$GITHUB_WORKSPACE`, else `cwd`. */
  workspace?: string;
}

/**
 * GitHub Actions workflow commands, one per finding (`::error` / `::warning`), that annotate the changed lines of a
 * pull request; files that could not be analysed become `::warning` lines. Nothing else is printed.
 */
export function formatGithub(result: AnalysisResult, options: GithubOptions): string {
  const workspace = path.resolve(options.workspace || process.env.GITHUB_WORKSPACE || options.cwd);
  const repoPath = (file: string) => {
    const abs = path.resolve(options.cwd, file);
    const rel = path.relative(workspace, abs);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
  };
  const lines: string[] = [];
  for (const f of result.findings) {
    const props = [
      `file=${escapeProperty(repoPath(f.file))}`,
      `line=${f.line}`,
      `endLine=${f.endLine}`,
      `col=${f.column}`,
      ...(f.endLine === f.line ? [`endColumn=${f.endColumn}`] : []),
      `title=${escapeProperty(`err-codemod ${f.ruleId}`)}`,
    ];
    lines.push(`::${f.severity} ${props.join(',')}::${escapeData(f.message)}`);
  }
  for (const e of result.errors) {
    const props = [`file=${escapeProperty(repoPath(e.file))}`, ...(e.line !== undefined ? [`line=${e.line}`] : []), `title=${escapeProperty('err-codemod: file not analysed')}`];
    lines.push(`::warning ${props.join(',')}::${escapeData(e.message)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
