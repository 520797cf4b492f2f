import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { analyzeFiles, type AnalysisResult, type AnalyzeOptions } from '../analyzer';
import { ConfigError, loadConfig } from '../config';
import { formatJson } from '../report/json';
import { formatGateNotes, GateError, prepareGate, DEFAULT_BASELINE, type Gate, type GateOutcome } from '../gate';
import type { Finding } from '../core/types';
import { jobsOption } from '../parallel/cli-option';
import type { JobsOption } from '../parallel/jobs';
import { createProgress } from '../progress';
import { TsconfigNotFoundError } from '../types/errors';

export const FORMATS = ['stylish', 'json', 'sarif', 'markdown', 'github'] as const;
type Format = (typeof FORMATS)[number];
type FailOn = 'error' | 'warning' | 'none';

interface AnalyzeCliOptions {
  format?: Format;
  output?: string;
  failOn: FailOn;
  include?: string[];
  exclude?: string[];
  config?: string;
  color?: boolean;
  cwd?: string;
  baseline?: string | boolean;
  updateBaseline?: string | boolean;
  changedSince?: string;
  jobs?: JobsOption;
  crossFile?: boolean;
  types?: boolean | string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Exit code per the contract: 1 when a finding reaches `failOn`. */
export function exitCodeFor(findings: Finding[], failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  const gating = failOn === 'error' ? findings.filter((f) => f.severity === 'error') : findings;
  return gating.length ? 1 : 0;
}

/** Formats the report; each formatter is loaded only when asked for (start-up is part of every CI run). */
export async function render(result: AnalysisResult, format: Format, cwd: string, color: boolean, gate?: { gate: Gate; outcome: GateOutcome }): Promise<string> {
  switch (format) {
    case 'sarif': {
      const { formatSarif } = await import('../report/sarif.js');
      return formatSarif(result, { cwd, ...(gate ? { fingerprints: gate.gate.fingerprints(result.findings) } : {}) });
    }
    case 'markdown': {
      const { formatMarkdown } = await import('../report/markdown.js');
      const o = gate?.outcome;
      const summary = o && { suppressed: o.suppressed.length, known: o.known.length, stale: o.stale.length, unusedSuppressions: o.unusedSuppressions.length };
      return formatMarkdown(result, { cwd, ...(summary ? { gate: summary } : {}) });
    }
    case 'github': {
      const { formatGithub } = await import('../report/github.js');
      return formatGithub(result, { cwd });
    }
    case 'json':
      return formatJson(result);
    case 'stylish': {
      const { formatStylish } = await import('../report/stylish.js');
      return formatStylish(result, { cwd, color });
    }
  }
}

export async function runAnalyze(paths: string[], opts: AnalyzeCliOptions): Promise<number> {
  // durationMs in the reports covers finding the files too, not only analysing them
  const started = performance.now();
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  let config;
  try {
    config = loadConfig(cwd, opts.config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`err-codemod: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let gate: Gate;
  try {
    gate = await prepareGate(paths, {
      cwd,
      ...((opts.include ?? config.include) ? { include: opts.include ?? config.include } : {}),
      exclude: [...(config.exclude ?? []), ...(opts.exclude ?? [])],
      ...(opts.changedSince !== undefined ? { changedSince: opts.changedSince } : {}),
      ...(opts.baseline !== undefined ? { baseline: opts.baseline } : {}),
      ...(opts.updateBaseline !== undefined ? { updateBaseline: opts.updateBaseline } : {}),
    });
  } catch (error) {
    if (error instanceof GateError) {
      process.stderr.write(`err-codemod: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // Progress on a terminal only, and only with the human format: never mixed into JSON or SARIF output.
  const progress = createProgress(process.stderr, { enabled: (opts.format ?? 'stylish') === 'stylish' });
  const analyzeOptions: AnalyzeOptions = {
    cwd,
    include: opts.include ?? config.include,
    exclude: [...(config.exclude ?? []), ...(opts.exclude ?? [])],
    rules: config.rules,
    sanitizers: config.sanitizers,
    responseSinks: config.responseSinks,
    jobs: opts.jobs,
    crossFile: opts.crossFile !== false,
    ...(opts.types ? { types: opts.types } : {}),
    onProgress: progress.update,
  };
  // The gate resolved the files (and `--changed-since`, and missing paths: exit 2 above); none means nothing to analyse.
  let analysed: AnalysisResult;
  try {
    analysed = gate.files.length ? await analyzeFiles(gate.files, analyzeOptions, started).finally(() => progress.done()) : gate.emptyResult();
  } catch (error) {
    if (error instanceof TsconfigNotFoundError) {
      process.stderr.write(`err-codemod: --types: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (analysed.types) process.stderr.write(typesNote(analysed.types, analysed.filesScanned));
  let outcome: GateOutcome;
  try {
    outcome = gate.apply(analysed);
  } catch (error) {
    if (error instanceof GateError) {
      process.stderr.write(`err-codemod: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const result = { ...analysed, findings: outcome.findings };
  const format: Format = opts.format ?? (process.stdout.isTTY ? 'stylish' : 'stylish');
  const color = opts.color !== false && !opts.output && !!process.stdout.isTTY && !process.env.NO_COLOR;
  const text = await render(result, format, cwd, color, { gate, outcome });
  if (opts.output) fs.writeFileSync(path.resolve(cwd, opts.output), text);
  else process.stdout.write(text);
  process.stderr.write(formatGateNotes(outcome, { cwd, color: opts.color !== false && !!process.stderr.isTTY && !process.env.NO_COLOR }));
  if (result.filesScanned === 0 && gate.changedOnly) {
    process.stderr.write(`err-codemod: no JavaScript or TypeScript file changed since ${opts.changedSince}\n`);
    return 0;
  }
  if (result.filesScanned === 0) {
    process.stderr.write('err-codemod: no JavaScript or TypeScript files found to analyse\n');
    return 2;
  }
  if (result.errors.length === result.filesScanned) {
    process.stderr.write('err-codemod: none of the files could be analysed\n');
    return 2;
  }
  return exitCodeFor(result.findings, opts.failOn);
}

/** What `--types` used, on stderr: which tsconfig files, what it cost, and the files it could not type. */
function typesNote(types: NonNullable<AnalysisResult['types']>, scanned: number): string {
  if (!types.projects.length) return 'err-codemod: --types: no tsconfig.json found for these files; analysed without types\n';
  const untyped = types.untyped ? `; ${types.untyped} of ${scanned} files outside any tsconfig.json analysed without types` : '';
  return `err-codemod: --types: ${types.projects.join(', ')} (${(types.durationMs / 1000).toFixed(1)} s${untyped})\n`;
}

export function analyzeCommand(): Command {
  return new Command('analyze')
    .description('report error-handling anti-patterns (leaks, errors sent with 2xx, bare 500s...)')
    .argument('[paths...]', 'files or folders to analyse', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMATS]))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <level>', 'lowest severity that makes the exit code 1').choices(['error', 'warning', 'none']).default('error'))
    .option('--include <glob>', 'only analyse files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching this glob (repeatable)', collect)
    .option('-c, --config <file>', `config file (default: ${'err-codemod.config.json'})`)
    .option('--no-color', 'disable colours')
    .option('--baseline [file]', `report and gate only on findings not in this baseline (default: ${DEFAULT_BASELINE})`)
    .option('--update-baseline [file]', `write the current findings to the baseline (default: ${DEFAULT_BASELINE}) and exit 0`)
    .option('--changed-since <ref>', 'only analyse files changed since this git ref (merge base with HEAD), plus untracked files')
    .addOption(jobsOption())
    .option('--no-cross-file', 'analyse each file on its own: do not follow calls into other project modules')
    .option('--types [tsconfig]', "use the TypeScript checker to recognise responses and errors by their types (each file's nearest tsconfig.json, or this one)")
    .action(async (paths: string[], opts: AnalyzeCliOptions) => {
      process.exitCode = await runAnalyze(paths, opts);
    });
}
