import { Command } from 'commander';

interface InitFlags {
  framework?: string;
  out?: string;
  lang?: string;
  module?: string;
  force?: boolean;
  cwd?: string;
}

/** `err-codemod init`: writes the typed error module and the framework's error handler. */
export function initCommand(): Command {
  return new Command('init')
    .description('generate the typed error module and the error handler for your framework')
    .option('--framework <name>', 'express, koa, fastify, nestjs or next (default: from package.json)')
    .option('--out <dir>', 'output directory', 'src/errors')
    .option('--lang <lang>', 'ts or js (default: ts when there is a tsconfig.json)')
    .option('--module <kind>', 'esm or cjs (default: from package.json "type")')
    .option('--force', 'overwrite generated files that were changed since')
    .option('--cwd <dir>', 'project directory (default: the current directory)')
    .action(async (flags: InitFlags) => {
      // Loaded on use: the generator needs the TypeScript compiler, which other commands never pay for.
      const { formatInitReport, InitError, runInit } = await import('../init/index.js');
      try {
        const result = runInit({
          cwd: flags.cwd ?? process.cwd(),
          ...(flags.framework !== undefined && { framework: flags.framework }),
          ...(flags.out !== undefined && { out: flags.out }),
          ...(flags.lang !== undefined && { lang: flags.lang }),
          ...(flags.module !== undefined && { module: flags.module }),
          force: flags.force === true,
        });
        process.stdout.write(formatInitReport(result));
        process.exitCode = 0;
      } catch (error) {
        if (!(error instanceof InitError)) throw error;
        process.stderr.write(`err-codemod init: ${error.message}\n`);
        process.exitCode = error.exitCode;
      }
    });
}
