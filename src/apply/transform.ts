import fs from 'node:fs';
import path from 'node:path';
import type { API, FileInfo, Options, Transform } from 'jscodeshift';
import { CONFIG_FILE, loadConfig } from '../config';
import type { RuleId } from '../core/types';
import { clearProjectCache, resolveErrorsModule, type ErrorsModule } from './project';
import { registerErrorHandler } from './register';
import { FIXABLE_RULES, rewriteSource } from './rewrite';
import { DEFAULT_ERRORS_MODULE } from './run';

/** The name of each jscodeshift transform in `transforms/`: one per fixable rule, plus the handler registration. */
export const TRANSFORM_NAMES = [...FIXABLE_RULES, 'register-error-handler'] as const;
export type TransformName = (typeof TRANSFORM_NAMES)[number];

/** The directory holding err-codemod.config.json for a file: the nearest one above it, else the cwd. */
function configDir(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, CONFIG_FILE))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/**
 * Where the generated module is, for a transform run by jscodeshift: `--errorsModule` / `--errors-module`
 * (relative to the cwd), else `errorsModule` of the nearest err-codemod.config.json, else ./src/errors.
 */
export function errorsModuleFor(file: string, options: Options): ErrorsModule {
  const flag = (options.errorsModule ?? options['errors-module']) as string | undefined;
  if (flag) return resolveErrorsModule(flag, process.cwd());
  const dir = configDir(file);
  const config = loadConfig(dir);
  return resolveErrorsModule(config.errorsModule ?? DEFAULT_ERRORS_MODULE, dir);
}

/**
 * A jscodeshift transform for one rule. It asks the same analyzer as `analyze` for the file's findings, keeps that
 * rule's fixable ones, and rewrites each site by its plan. Sites it cannot rewrite safely are left as they are and
 * reported through `api.report`.
 */
export function createTransform(name: TransformName): Transform {
  const transform = (file: FileInfo, api: API, options: Options): string => {
    clearProjectCache();
    const abs = path.resolve(file.path);
    const errorsModule = errorsModuleFor(abs, options);
    const j = api.jscodeshift;
    let output: string;
    if (name === 'register-error-handler') {
      output = registerErrorHandler({ source: file.source, file: abs, j, errorsModule }).output;
    } else {
      const config = loadConfig(configDir(abs));
      const major = options.expressMajor ?? options['express-major'];
      const result = rewriteSource({
        source: file.source,
        file: abs,
        displayPath: file.path,
        j,
        rules: [name as RuleId],
        analyzeOptions: { rules: config.rules, sanitizers: config.sanitizers },
        errorsModule,
        ...(major !== undefined ? { expressMajor: Number(major) } : {}),
      });
      for (const site of result.sites) {
        if (site.action === 'manual') api.report(`${file.path}:${site.line}:${site.column} left for manual review: ${site.reason}`);
      }
      output = result.output;
    }
    if (output === file.source) return output;
    // Never hand back a file that does not parse.
    try {
      j(output);
    } catch (error) {
      api.report(`${file.path}: the rewritten file does not parse (${(error as Error).message.split('\n')[0]}); left unchanged`);
      return file.source;
    }
    return output;
  };
  return Object.assign(transform, { parser: 'tsx' as const });
}
