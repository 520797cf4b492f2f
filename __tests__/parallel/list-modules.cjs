'use strict';
// Preloaded into a CLI run (`node -r`): at exit, writes every module file the process loaded to LIST_MODULES_OUT.
const fs = require('node:fs');

process.on('exit', () => {
  fs.writeFileSync(process.env.LIST_MODULES_OUT, Object.keys(require.cache).join('\n'));
});
