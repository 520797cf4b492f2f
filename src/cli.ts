import { Command, CommanderError } from 'commander';
import { analyzeCommand } from './commands/analyze';
import { applyCommand } from './commands/apply';
import { initCommand } from './commands/init';
import { rulesCommand } from './commands/rules';
import { TOOL_VERSION } from './version';

export function buildProgram(): Command {
  const program = new Command('err-codemod')
    .description('Find and fix leaky, mis-statused error responses in Node backends')
    .version(TOOL_VERSION)
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(analyzeCommand());
  program.addCommand(initCommand());
  program.addCommand(applyCommand());
  program.addCommand(rulesCommand());
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

/** Runs the CLI; resolves to the process exit code. Usage errors are exit code 2, per the contract. */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = 0;
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    throw error;
  }
  return Number(process.exitCode ?? 0);
}
