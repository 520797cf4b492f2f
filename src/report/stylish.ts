import fs from 'node:fs';
import path from 'node:path';
import { codeFrameColumns } from '@babel/code-frame';
import pc from 'picocolors';
import type { AnalysisResult } from '../analyzer';
import type { Finding } from '../core/types';

export interface StylishOptions {
  cwd: string;
  color: boolean;
  /** Show a code frame under each finding. */
  codeFrames?: boolean;
}

function frame(source: string, f: Finding, color: boolean): string {
  return codeFrameColumns(
    source,
    { start: { line: f.line, column: f.column }, end: { line: f.endLine, column: f.endColumn } },
    { highlightCode: color, linesAbove: 1, linesBelow: 1 },
  )
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** ESLint-like report: findings grouped by file, with a code frame each, and a summary. */
export function formatStylish(result: AnalysisResult, options: StylishOptions): string {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  for (const [file, findings] of byFile) {
    out.push(c.underline(file));
    let source: string | null = null;
    if (options.codeFrames !== false) {
      try {
        source = fs.readFileSync(path.resolve(options.cwd, file), 'utf8');
      } catch {
        source = null;
      }
    }
    for (const f of findings) {
      const sev = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      out.push(`  ${c.dim(`${f.line}:${f.column}`.padEnd(7))} ${sev}  ${f.message}  ${c.dim(f.ruleId)}${f.fixable ? c.dim(' (fixable)') : ''}`);
      if (source) out.push(frame(source, f, options.color), '');
    }
    out.push('');
  }
  if (result.errors.length) {
    out.push(c.underline('Files not analysed'));
    for (const e of result.errors) out.push(`  ${e.file}${e.line ? `:${e.line}` : ''}  ${c.dim(e.message)}`);
    out.push('');
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const fixable = result.findings.filter((f) => f.fixable).length;
  const total = result.findings.length;
  const summary = total
    ? `${total} finding${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})` +
      `${fixable ? `, ${fixable} fixable with \`err-codemod apply\`` : ''}`
    : 'No findings';
  const line = `${total ? (errors ? c.red(c.bold('✖ ')) : c.yellow(c.bold('⚠ '))) : c.green('✔ ')}${summary} in ${result.filesScanned} file${result.filesScanned === 1 ? '' : 's'} (${result.durationMs} ms)`;
  out.push(line);
  return `${out.join('\n')}\n`;
}
