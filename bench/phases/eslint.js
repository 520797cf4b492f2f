'use strict';
/**
 * Bench phase: ESLint (Node API) over the tree with typescript-eslint's parser (no type information, as most
 * teams run it in CI) and eslint-plugin-security's recommended rules, on every JS/TS file err-codemod analyses.
 * Prints one JSON line: files linted, messages, time spent inside the process.
 */
const path = require('node:path');

async function main() {
  const started = performance.now();
  const root = path.resolve(process.argv[2]);
  const { ESLint } = require('eslint');
  const tseslint = require('typescript-eslint');
  const security = require('eslint-plugin-security');
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    cache: false,
    overrideConfig: [
      {
        files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
        languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { security },
        rules: security.configs.recommended.rules,
      },
    ],
  });
  const results = await eslint.lintFiles(['.']);
  let messages = 0;
  let fatal = 0;
  for (const r of results) {
    messages += r.messages.length;
    fatal += r.fatalErrorCount;
  }
  process.stdout.write(`${JSON.stringify({ files: results.length, messages, fatal, ms: Math.round(performance.now() - started) })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
