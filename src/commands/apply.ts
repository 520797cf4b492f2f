import { Command } from 'commander';
import type { RuleId } from '../core/types';
import { RULE_IDS } from '../rules';

interface ApplyCliOptions {
  rules?: string;
  write?: boolean;
  dry?: boolean;
  allowDirty?: boolean;
  errorsModule?: string;
  config?: string;
  include?: string[];
  exclude?: string[];
  color?: boolean;
  registerHandler?: boolean;
  types?: boolean | string;
  crossFile?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Parses `--rules a,b`; throws with the offending id. */
export function parseRuleList(value: string): RuleId[] {
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !RULE_IDS.includes(id as RuleId));
  if (unknown.length) throw new Error(`unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (rules: ${RULE_IDS.join(', ')})`);
  if (!ids.length) throw new Error('--rules needs at least one rule id');
  return ids as RuleId[];
}

export async function runApplyCli(paths: string[], opts: ApplyCliOptions, cwd = process.cwd()): Promise<number> {
  let rules: RuleId[] | undefined;
  if (opts.rules !== undefined) {
    try {
      rules = parseRuleList(opts.rules);
    } catch (error) {
      process.stderr.write(`err-codemod: ${(error as Error).message}\n`);
      return 2;
    }
  }
  if (opts.write && opts.dry) {
    process.stderr.write('err-codemod: --write and --dry cannot be used together\n');
    return 2;
  }
  const colorAllowed = opts.color !== false && !process.env.NO_COLOR;
  // Loaded on use: jscodeshift and recast are for `apply` only, `analyze` never pays for them.
  const { runApply } = await import('../apply/run.js');
  const result = await runApply({
    cwd,
    paths,
    rules,
    write: !!opts.write,
    allowDirty: !!opts.allowDirty,
    errorsModule: opts.errorsModule,
    config: opts.config,
    include: opts.include,
    exclude: opts.exclude,
    registerHandler: opts.registerHandler !== false,
    ...(opts.types ? { types: opts.types } : {}),
    crossFile: opts.crossFile !== false,
    color: colorAllowed && !!process.stdout.isTTY,
    stderrColor: colorAllowed && !!process.stderr.isTTY,
  });
  return result.exitCode;
}

export function applyCommand(): Command {
  return new Command('apply')
    .description('rewrite the sites `analyze` finds to typed errors handed to the error handler (prints diffs unless --write)')
    .argument('[paths...]', 'files or folders to rewrite', [])
    .option('--rules <ids>', 'only rewrite sites of these rules (comma-separated ids)')
    .option('--write', 'write the changes (default: print unified diffs and write nothing)')
    .option('--dry', 'print diffs only, write nothing (the default)')
    .option('--allow-dirty', 'write even when the files to change have uncommitted changes')
    .option('--errors-module <path>', 'the generated errors module (default: errorsModule in err-codemod.config.json)')
    .option('--no-register-handler', 'do not register the generated error handler in the Express app entry')
    .option('-c, --config <file>', 'config file (default: err-codemod.config.json)')
    .option('--include <glob>', 'only rewrite files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching this glob (repeatable)', collect)
    .option('--no-cross-file', 'as `analyze --no-cross-file`: do not follow calls into other project modules')
    .option('--types [tsconfig]', 'as `analyze --types`: recognise responses and errors by their TypeScript types')
    .option('--no-color', 'disable colours')
    .action(async (paths: string[], opts: ApplyCliOptions) => {
      process.exitCode = await runApplyCli(paths, opts);
    });
}
