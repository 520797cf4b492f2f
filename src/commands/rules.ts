import { Command } from 'commander';
import { RULES, ruleById } from '../rules';

export function rulesCommand(): Command {
  return new Command('rules')
    .description('list rules; `err-codemod rules <id>` explains one')
    .argument('[id]', 'rule id')
    .action((id?: string) => {
      if (!id) {
        for (const r of RULES) process.stdout.write(`${r.meta.id.padEnd(22)} ${r.meta.defaultSeverity.padEnd(8)} ${r.meta.description}\n`);
        return;
      }
      const rule = ruleById(id);
      if (!rule) {
        process.stderr.write(`err-codemod: unknown rule "${id}" (rules: ${RULES.map((r) => r.meta.id).join(', ')})\n`);
        process.exitCode = 2;
        return;
      }
      const m = rule.meta;
      const indent = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');
      process.stdout.write(
        `${m.id} (${m.defaultSeverity})\n\n${m.description}\n\n${m.rationale}\n\nBad:\n${indent(m.bad)}\n\nGood:\n${indent(m.good)}\n` +
          (m.cwe.length ? `\n${m.cwe.join(', ')}\n` : ''),
      );
    });
}
