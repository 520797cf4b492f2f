'use strict';
// A worker speaking the pool's protocol that dies (process.exit in a worker stops only the thread) when it is
// handed a file whose name contains "crash"; every other file is analysed by the compiled analyzer.
const path = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const { analyzeFile } = require(path.resolve(__dirname, '..', '..', 'dist', 'analyzer.js'));

parentPort.on('message', (request) => {
  const outcomes = [];
  request.paths.forEach((file, i) => {
    if (path.basename(file).includes('crash')) process.exit(3);
    const outcome = analyzeFile(file, workerData.options);
    if (outcome.findings.length || outcome.error) outcomes.push([i, outcome]);
  });
  parentPort.postMessage({ id: request.id, outcomes });
});
