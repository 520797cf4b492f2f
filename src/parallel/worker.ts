/**
 * Worker thread entry (compiled to dist/parallel/worker.js): analyses the batches of files the pool sends, one at
 * a time, and posts back the outcomes that hold something. Nothing is kept between batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, worthKeeping } from '../analyzer';
import type { BatchRequest, BatchResult, WorkerSetup } from './protocol';

const { options } = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('err-codemod: parallel/worker.js is a worker thread entry, not a script');

port.on('message', (request: BatchRequest) => {
  const outcomes: BatchResult['outcomes'] = [];
  for (let i = 0; i < request.paths.length; i++) {
    const outcome = analyzeFile(request.paths[i]!, options);
    if (worthKeeping(outcome)) outcomes.push([i, outcome]);
  }
  const result: BatchResult = { id: request.id, outcomes };
  port.postMessage(result);
});
