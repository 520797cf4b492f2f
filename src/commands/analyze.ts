import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { analyzePaths, type AnalysisResult } from '../analyzer';
import { ConfigError, loadConfig } from '../config';
import { formatJson } from '../report/json';
import { formatStylish } from '../report/stylish';
import type { Finding } from '../core/types';

export const FORMATS = ['stylish', 'json'] as const;
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
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Exit code per the contract: 1 when a finding reaches `failOn`. */
export function exitCodeFor(findings: Finding[], failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  const gating = failOn === 'error' ? findings.filter((f) => f.severity === 'error') : findings;
  return gating.length ? 1 : 0;
}

export function render(result: AnalysisResult, format: Format, cwd: string, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'stylish':
      return formatStylish(result, { cwd, color });
  }
}

export async function runAnalyze(paths: string[], opts: AnalyzeCliOptions): Promise<number> {
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
  const result = await analyzePaths(paths, {
    cwd,
    include: opts.include ?? config.include,
    exclude: [...(config.exclude ?? []), ...(opts.exclude ?? [])],
    rules: config.rules,
    sanitizers: config.sanitizers,
  });
  if (result.missing.length) {
    process.stderr.write(`err-codemod: no such file or directory: ${result.missing.join(', ')}\n`);
    return 2;
  }
  const format: Format = opts.format ?? (process.stdout.isTTY ? 'stylish' : 'stylish');
  const color = opts.color !== false && !opts.output && !!process.stdout.isTTY && !process.env.NO_COLOR;
  const text = render(result, format, cwd, color);
  if (opts.output) fs.writeFileSync(path.resolve(cwd, opts.output), text);
  else process.stdout.write(text);
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
    .action(async (paths: string[], opts: AnalyzeCliOptions) => {
      process.exitCode = await runAnalyze(paths, opts);
    });
}
