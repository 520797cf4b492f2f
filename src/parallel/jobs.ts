import os from 'node:os';

/** `--jobs`: a number of worker threads (1 = analyse in the main thread, no worker), or `'auto'`. */
export type JobsOption = number | 'auto';

/**
 * Below this many files, `auto` never starts workers: each worker loads the parser and the analyzer and warms up
 * its own JIT (80-100 ms to the first result, measured here), while 1,000 files take about half a second in one
 * thread. Small runs (`--changed-since` in a pull request) stay in-process.
 */
export const AUTO_MIN_FILES = 1000;

/**
 * The number of workers `auto` uses for a run over `fileCount` files on a machine with `cores` cores.
 *
 * Measured with `npm run bench` on this 2-core machine (AMD EPYC, Node 20, 3,217-file tree, best of 5):
 *   --jobs 1: 1.97 s wall, 1,634 files/s, 2.96 s CPU, 148 MB peak RSS
 *   --jobs 2: 2.28 s wall, 1,411 files/s, 4.01 s CPU, 190 MB peak RSS  (16% slower, 35% more CPU)
 * and 3.1 s vs 4.4 s (42% slower) with other work on the machine. Each worker warms up its own copy of the parser
 * (JIT) and has its own GC, and one thread already keeps the second core busy with those: on 2 cores (or 1), one
 * thread in-process wins, so `auto` is 1 there.
 * Not measured here: with more cores, `auto` leaves one core to the main thread and the workers' GC/JIT helper
 * threads (cores - 1, at most 8). Re-measure with `npm run bench` on such a machine before relying on it.
 */
export function autoJobs(fileCount: number, cores: number = availableCores()): number {
  if (cores <= 2 || fileCount < AUTO_MIN_FILES) return 1;
  return Math.max(1, Math.min(cores - 1, 8));
}

export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length || 1;
}

/** The number of threads a run will use: never more than the files, 1 when there is at most one file. */
export function resolveJobs(requested: JobsOption | undefined, fileCount: number): number {
  if (requested === undefined || requested === 'auto') return autoJobs(fileCount);
  if (!Number.isInteger(requested) || requested < 1) throw new RangeError(`jobs must be a positive integer or 'auto', got ${String(requested)}`);
  return Math.max(1, Math.min(requested, fileCount));
}

/** Parses a `--jobs` value: a positive integer or `auto`; null when it is neither. */
export function parseJobsValue(value: string): JobsOption | null {
  const v = value.trim().toLowerCase();
  if (v === 'auto') return 'auto';
  if (!/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= 1024 ? n : null;
}
