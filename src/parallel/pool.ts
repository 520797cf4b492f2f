import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions, FileOutcome } from '../analyzer';
import type { BatchRequest, BatchResult, WorkerSetup } from './protocol';

/** No worker could be started or none could run: the caller analyses in its own thread instead. */
export class WorkersUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkersUnavailableError';
  }
}

/**
 * The compiled worker entry: next to this file when running from dist/, or the repository's dist/ when this file
 * runs from src/ (under vitest), since a worker thread cannot load TypeScript. Null when neither exists.
 */
export function workerEntry(): string | null {
  const candidates = [path.join(__dirname, 'worker.js'), path.resolve(__dirname, '..', '..', 'dist', 'parallel', 'worker.js')];
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

/** The per-file options, as plain data a worker can receive: functions and discovery settings left out. */
function workerSetup(options: AnalyzeOptions): WorkerSetup {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === 'function' || key === 'include' || key === 'exclude' || key === 'jobs') continue;
    plain[key] = value;
  }
  return { options: plain as unknown as WorkerSetup['options'] };
}

interface Batch {
  start: number;
  count: number;
  /** Sent alone to a worker with nothing else in flight, after a crash: if it crashes again, it is the cause. */
  isolated: boolean;
}

interface Slot {
  worker: Worker;
  inflight: Map<number, Batch>;
  error?: Error;
}

/** Batches in flight per worker: one being analysed, one waiting, so a worker never idles for a round trip. */
const PIPELINE = 2;
const MAX_BATCH = 64;

/**
 * Analyses `files` on `jobs` worker threads. Batches of consecutive files are handed out as workers free up, and
 * each outcome that holds a finding or an error is passed to `onOutcome` with its index in `files` as soon as its
 * batch is back (so the caller can merge in file order whatever the completion order).
 *
 * A worker that dies (out of memory, a crash in native code) does not lose files: its batches are split and retried
 * one file at a time on a fresh worker, and a file that kills a worker on its own becomes an error outcome.
 * Rejects with WorkersUnavailableError when workers cannot run at all (nothing has been reported then).
 */
export function analyzeInWorkers(
  files: string[],
  options: AnalyzeOptions,
  jobs: number,
  onOutcome: (index: number, outcome: FileOutcome) => void,
  /** Another worker script speaking the same protocol (tests). */
  internal: { entry?: string } = {},
): Promise<void> {
  const entry = internal.entry ?? workerEntry();
  if (!entry) return Promise.reject(new WorkersUnavailableError('the compiled worker (dist/parallel/worker.js) is missing; run `npm run build`'));
  const setup = workerSetup(options);
  try {
    structuredClone(setup);
  } catch (error) {
    return Promise.reject(new WorkersUnavailableError(`options cannot be sent to a worker: ${(error as Error).message}`));
  }
  const total = files.length;
  if (total === 0) return Promise.resolve();
  const workers = Math.max(1, Math.min(jobs, total));
  // Small enough batches to balance the load (a few files in five need a parse), large enough to keep messages few.
  const size = Math.max(1, Math.min(MAX_BATCH, Math.ceil(total / (workers * 16))));
  const queue: Batch[] = [];
  for (let start = 0; start < total; start += size) queue.push({ start, count: Math.min(size, total - start), isolated: false });

  return new Promise<void>((resolve, reject) => {
    const slots = new Set<Slot>();
    let nextId = 0;
    let completed = 0;
    let anyResult = false;
    let spawned = 0;
    let finished = false;

    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      const all = [...slots].map((s) => s.worker.terminate());
      slots.clear();
      Promise.allSettled(all).then(() => (error ? reject(error) : resolve()));
    };

    const progress = (count: number) => {
      completed += count;
      options.onProgress?.(completed, total);
      if (completed >= total) finish();
    };

    const feed = (slot: Slot) => {
      if (finished) return;
      for (const b of slot.inflight.values()) if (b.isolated) return;
      while (slot.inflight.size < PIPELINE && queue.length) {
        const batch = queue[0]!;
        if (batch.isolated && slot.inflight.size > 0) return;
        queue.shift();
        const id = nextId++;
        slot.inflight.set(id, batch);
        const request: BatchRequest = { id, paths: files.slice(batch.start, batch.start + batch.count) };
        slot.worker.postMessage(request);
        if (batch.isolated) return;
      }
    };

    const onDeath = (slot: Slot, reason: string) => {
      if (finished || !slots.has(slot)) return;
      slots.delete(slot);
      if (!anyResult) {
        // Not a single batch has come back from any worker: workers cannot run here (e.g. a stale or broken
        // dist/). Nothing has been reported, so the caller can start over in its own thread.
        finish(new WorkersUnavailableError(`worker thread failed before analysing anything: ${reason}`));
        return;
      }
      const retry: Batch[] = [];
      for (const batch of slot.inflight.values()) {
        if (batch.isolated) {
          const file = files[batch.start]!;
          onOutcome(batch.start, { findings: [], error: { file: relative(options.cwd, file), message: `Analysis failed: the worker thread analysing this file stopped (${reason})` } });
          progress(1);
        } else {
          for (let i = 0; i < batch.count; i++) retry.push({ start: batch.start + i, count: 1, isolated: true });
        }
      }
      slot.inflight.clear();
      if (finished) return;
      queue.unshift(...retry);
      if (queue.length && slots.size < workers) spawn();
      for (const s of slots) feed(s);
      if (!slots.size && queue.length) finish(new WorkersUnavailableError(`worker threads keep failing (${reason})`));
    };

    const spawn = () => {
      // Bounded: each respawn follows a death, and each death isolates or settles the files it held.
      if (spawned >= workers + total) return;
      spawned++;
      let worker: Worker;
      try {
        worker = new Worker(entry, { workerData: setup });
      } catch (error) {
        if (!slots.size) finish(new WorkersUnavailableError(`cannot start a worker thread: ${(error as Error).message}`));
        return;
      }
      const slot: Slot = { worker, inflight: new Map() };
      slots.add(slot);
      worker.on('message', (result: BatchResult) => {
        if (finished) return;
        const batch = slot.inflight.get(result.id);
        if (!batch) return;
        slot.inflight.delete(result.id);
        anyResult = true;
        for (const [offset, outcome] of result.outcomes) onOutcome(batch.start + offset, outcome);
        feed(slot);
        progress(batch.count);
      });
      worker.on('error', (error) => {
        slot.error = error;
      });
      worker.on('exit', (code) => {
        onDeath(slot, slot.error?.message ?? `exit code ${code}`);
      });
      feed(slot);
    };

    for (let i = 0; i < workers; i++) spawn();
  });
}

function relative(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
}
