#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('err-codemod: dist/ is missing; run `npm install` (or `npm run build`) in the package first.\n');
  process.exit(2);
}
// before the analyzer and the parser are loaded: compiler settings apply to code compiled after them
require(path.join(__dirname, '..', 'dist', 'runtime', 'tuning.js')).tuneRuntime();
require(entry).main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`err-codemod: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
