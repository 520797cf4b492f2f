import { pathToFileURL } from 'node:url';
import type * as sarif from 'sarif';
import type { AnalysisResult } from '../analyzer';
import type { Finding } from '../core/types';
import type { Fingerprint } from '../gate/fingerprint';
import { RULES } from '../rules';
import type { RuleMeta } from '../rules/types';
import { TOOL_NAME, TOOL_VERSION } from '../version';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Key of our fingerprint in `result.partialFingerprints`; bump the version if the algorithm changes. */
export const FINGERPRINT_KEY = 'errCodemod/v1';
const SRCROOT = '%SRCROOT%';

/**
 * `security-severity` (0-10) for code scanning, on the rules tagged `security` that describe an exposure. Same scale as
 * CodeQL's js/stack-trace-exposure (CWE-209) and similar information-exposure queries: medium.
 */
const SECURITY_SEVERITY: Partial<Record<string, string>> = {
  'leaked-exception': '5.4',
  'leaked-downstream': '5.4',
  'account-enumeration': '5.3',
};

export interface SarifOptions {
  cwd: string;
  /** Fingerprints per finding (`Gate.fingerprints`); findings without one get no `partialFingerprints`. */
  fingerprints?: ReadonlyMap<Finding, Fingerprint>;
}

const pascal = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase());

function uri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function ruleDescriptor(m: RuleMeta): sarif.ReportingDescriptor {
  const tags = [...new Set([...m.tags, ...m.cwe])];
  const properties: sarif.PropertyBag = { tags, precision: 'high', 'problem.severity': m.defaultSeverity };
  const securitySeverity = SECURITY_SEVERITY[m.id];
  if (securitySeverity) properties['security-severity'] = securitySeverity;
  return {
    id: m.id,
    name: pascal(m.id),
    shortDescription: { text: m.description },
    fullDescription: { text: m.rationale },
    help: {
      text: `${m.description}\n\n${m.rationale}\n\nBad:\n${m.bad}\n\nGood:\n${m.good}\n${m.cwe.length ? `\n${m.cwe.join(', ')}\n` : ''}`,
      markdown:
        `${m.description}\n\n${m.rationale}\n\n**Bad**\n\n\`\`\`js\n${m.bad}\n\`\`\`\n\n**Good**\n\n\`\`\`js\n${m.good}\n\`\`\`\n` +
        (m.cwe.length ? `\n${m.cwe.map((c) => `[${c}](https://cwe.mitre.org/data/definitions/${c.replace(/^CWE-/, '')}.html)`).join(', ')}\n` : ''),
    },
    defaultConfiguration: { level: m.defaultSeverity },
    properties,
  };
}

function location(file: string, region: sarif.Region): sarif.Location {
  return { physicalLocation: { artifactLocation: { uri: uri(file), uriBaseId: SRCROOT }, region } };
}

/**
 * SARIF 2.1.0 for code scanning. `tool.driver.rules` lists every rule (so a consumer can tell "ran and found nothing"
 * from "did not run"); results are the findings the run reports, that is after inline suppressions and the baseline:
 * suppressed and baselined findings are left out rather than marked with `suppressions`, because GitHub code
 * scanning does not honour `suppressions` and would open alerts for them. Files that could not be analysed become
 * tool execution notifications.
 */
export function formatSarif(result: AnalysisResult, options: SarifOptions): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id as string, i]));
  const results: sarif.Result[] = result.findings.map((f) => {
    const r: sarif.Result = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
      level: f.severity,
      message: { text: f.message },
      locations: [location(f.file, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn })],
      properties: { framework: f.framework, fixable: f.fixable },
    };
    const fp = options.fingerprints?.get(f);
    if (fp) r.partialFingerprints = { [FINGERPRINT_KEY]: fp.fingerprint };
    if (f.related?.length) {
      r.relatedLocations = f.related.map((rel, i) => ({
        ...location(rel.file ?? f.file, { startLine: rel.line, startColumn: rel.column }),
        id: i + 1,
        message: { text: rel.message },
      }));
    }
    return r;
  });
  const notifications: sarif.Notification[] = result.errors.map((e) => {
    const region: sarif.Region | undefined = e.line !== undefined ? { startLine: e.line, ...(e.column !== undefined ? { startColumn: e.column } : {}) } : undefined;
    const loc: sarif.Location = { physicalLocation: { artifactLocation: { uri: uri(e.file), uriBaseId: SRCROOT }, ...(region ? { region } : {}) } };
    return { level: 'warning', message: { text: `${e.file} was not analysed: ${e.message}` }, locations: [loc] };
  });
  const log: sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: `https://www.npmjs.com/package/${TOOL_NAME}`,
            rules: RULES.map((r) => ruleDescriptor(r.meta)),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.cwd.endsWith('/') ? options.cwd : `${options.cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
