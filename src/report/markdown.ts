import path from 'node:path';
import type { AnalysisResult } from '../analyzer';
import type { Finding } from '../core/types';
import { RULES } from '../rules';

export interface MarkdownGateSummary {
  /** Findings hidden by inline suppressions. */
  suppressed: number;
  /** Findings hidden because the baseline knows them. */
  known: number;
  /** Baseline entries that no longer match. */
  stale: number;
  /** Suppression directives that suppressed nothing. */
  unusedSuppressions: number;
}

export interface MarkdownOptions {
  cwd: string;
  gate?: MarkdownGateSummary;
  /** Findings listed before the rest are only counted (PR comments are limited to 65536 characters). */
  maxFindings?: number;
  /**
   * Link locations to the repository: `{ base: 'https://github.com/o/r/blob/<sha>', root: '/checkout' }`. Defaults to
   * what GitHub Actions sets (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`, `GITHUB_SHA`, `GITHUB_WORKSPACE`); `null` for none.
   */
  links?: { base: string; root: string } | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Escapes Markdown and HTML outside `code spans`, which the rule messages use for expressions. */
export function escapeMarkdown(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/[\\*_[\]<>|#~]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : `\\${ch}`))))
    .join('');
}

function defaultLinks(): { base: string; root: string } | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha, GITHUB_WORKSPACE: root } = process.env;
  return server && repo && sha && root ? { base: `${server}/${repo}/blob/${sha}`, root } : null;
}

/**
 * A report for pull request comments and `$GITHUB_STEP_SUMMARY`: a headline, a table of findings per rule, then the
 * findings grouped by file.
 */
export function formatMarkdown(result: AnalysisResult, options: MarkdownOptions): string {
  const links = options.links === undefined ? defaultLinks() : options.links;
  const max = options.maxFindings ?? 300;
  const out: string[] = [];
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const total = result.findings.length;
  out.push(
    total
      ? `## err-codemod: ${plural(total, 'finding')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`
      : '## err-codemod: no findings',
    '',
  );
  const facts = [`${plural(result.filesScanned, 'file')} analysed in ${result.durationMs} ms.`];
  const g = options.gate;
  if (g) {
    const hidden: string[] = [];
    if (g.known) hidden.push(`${g.known} in the baseline`);
    if (g.suppressed) hidden.push(`${g.suppressed} suppressed inline`);
    if (hidden.length) facts.push(`Not reported: ${hidden.join(', ')}.`);
    if (g.stale) {
      const what = g.stale === 1 ? '1 baseline entry no longer matches' : `${g.stale} baseline entries no longer match`;
      facts.push(`${what} a finding (\`--update-baseline\` drops ${g.stale === 1 ? 'it' : 'them'}).`);
    }
    if (g.unusedSuppressions) facts.push(`${plural(g.unusedSuppressions, 'suppression')} suppress${g.unusedSuppressions === 1 ? 'es' : ''} nothing.`);
  }
  out.push(facts.join(' '), '');

  if (total) {
    out.push('| Rule | Severity | Findings | What |', '| --- | --- | ---: | --- |');
    for (const rule of RULES) {
      const of = result.findings.filter((f) => f.ruleId === rule.meta.id);
      if (!of.length) continue;
      const sev = [...new Set(of.map((f) => f.severity))].join(', ');
      out.push(`| \`${rule.meta.id}\` | ${sev} | ${of.length} | ${escapeMarkdown(rule.meta.description).replace(/\|/g, '\\|')} |`);
    }
    out.push('');
    const byFile = new Map<string, Finding[]>();
    for (const f of result.findings) {
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
    let listed = 0;
    for (const [file, findings] of byFile) {
      if (listed >= max) break;
      out.push(`### \`${file}\``, '');
      for (const f of findings) {
        if (listed >= max) break;
        listed++;
        let pos = `${f.line}:${f.column}`;
        if (links) {
          const rel = path.relative(links.root, path.resolve(options.cwd, f.file)).split(path.sep).join('/');
          if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
            const lines = f.endLine > f.line ? `L${f.line}-L${f.endLine}` : `L${f.line}`;
            pos = `[${pos}](${links.base}/${rel.split('/').map(encodeURIComponent).join('/')}#${lines})`;
          }
        }
        out.push(`- ${pos} **${f.severity}** \`${f.ruleId}\`: ${escapeMarkdown(f.message)}`);
      }
      out.push('');
    }
    if (listed < total) out.push(`_… and ${plural(total - listed, 'more finding')} not listed here._`, '');
  }

  if (result.errors.length) {
    out.push(`<details><summary>${plural(result.errors.length, 'file')} not analysed</summary>`, '');
    for (const e of result.errors) out.push(`- \`${e.file}${e.line !== undefined ? `:${e.line}` : ''}\`: ${escapeMarkdown(e.message)}`);
    out.push('', '</details>', '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
