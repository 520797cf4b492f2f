import type { AnalysisResult } from '../analyzer';
import { TOOL_NAME, TOOL_VERSION } from '../version';

/** The contract's JSON document: only the documented fields, in the documented order. */
export function formatJson(result: AnalysisResult): string {
  const byRule: Record<string, number> = {};
  for (const f of result.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  const doc = {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.message,
      framework: f.framework,
      fixable: f.fixable,
    })),
    errors: result.errors.map((e) => ({ file: e.file, ...(e.line !== undefined ? { line: e.line } : {}), message: e.message })),
    summary: { filesScanned: result.filesScanned, findings: result.findings.length, byRule, durationMs: result.durationMs },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
