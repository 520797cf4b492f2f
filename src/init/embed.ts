import * as fs from 'node:fs';
import * as path from 'node:path';

/** Directory of the template modules in a clone (src/init/templates). */
export const TEMPLATES_DIR = path.join(__dirname, 'templates');

/** Names (without .ts) of the template modules in `dir`. */
export function templateNames(dir: string = TEMPLATES_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/**
 * The source of src/init/template-sources.ts: every template module as a string, so that `init` works from
 * the published package, which ships dist/ but not src/. __tests__/init/template-sources.test.ts keeps it in
 * step with the templates (`npx vitest run __tests__/init -u` rewrites it after a template changed).
 */
export function renderTemplateSources(dir: string = TEMPLATES_DIR): string {
  const entries = templateNames(dir).map((name) => {
    const source = fs.readFileSync(path.join(dir, `${name}.ts`), 'utf8').replace(/\r\n/g, '\n');
    return `  ${JSON.stringify(name)}: ${JSON.stringify(source)},`;
  });
  return [
    '// Generated from src/init/templates/*.ts by renderTemplateSources() (src/init/embed.ts). Do not edit:',
    '// change the template, then run `npx vitest run __tests__/init -u`.',
    'export const TEMPLATE_SOURCES: Readonly<Record<string, string>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}
