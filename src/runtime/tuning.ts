import fs from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import { availableCores } from '../parallel/jobs';

/**
 * How err-codemod runs on a machine with two cores or fewer, set by `bin/err-codemod.js` before anything else is
 * loaded.
 *
 * A run is over before most of its code (and the parser's) is optimized: V8's optimizing compiler and garbage
 * collector work on background threads, and Node starts four of those whatever the machine. With two cores they
 * take turns with the main thread, which does all of the analysis: it spent about a fifth of a run waiting for a
 * core (0.35-0.45 s of a 1.5-2 s analyze in `/proc/<pid>/task/<pid>/schedstat`; as much in a plain @babel/parser
 * loop over the same files). Two changes, measured in paired runs on the bench tree (2-core Intel Xeon, Node 20):
 *
 * - The background threads run at a lower priority (nice +10): they still have the other core, and any idle time,
 *   but no longer take the main thread's. Its wait fell to 0.05 s.
 * - The optimizing compiler inlines less (a cumulative budget of 100 bytecodes instead of 920), so it has far less
 *   to compile: CPU time fell 15-25 %. Budgets of 60 to 200 did about as well; no change beyond noise for apply or
 *   `--types`, whose longer runs use more of the optimized code. A later tier-up (`--interrupt-budget`) cut the
 *   wait too but added as much work to the main thread.
 *
 * Together: analyze 15-18 % faster (each alone: 5-10 %). With more cores nothing waits, so both are left off there.
 * The compiler setting only on V8 11 (Node 20), where it was measured: later V8s tier up through Maglev, and an
 * unknown flag would be reported on stdout by V8 itself. Priorities only on Linux, where a thread's id names it
 * alone (`setpriority` on another system would lower the whole process).
 *
 * `ERR_CODEMOD_TUNING=0` turns both off; a V8 flag given to node (`node --max-inlined-bytecode-size-cumulative=...`)
 * is kept as given.
 */
export const V8_FLAGS: readonly string[] = ['--max-inlined-bytecode-size-cumulative=100'];
/** How much lower the other threads' priority is made (added to their nice value, at most 19). */
export const HELPER_NICE = 10;

/** The V8 major version the compiler setting was measured on. */
const MEASURED_V8_MAJOR = 11;
const MAX_CORES = 2;

export interface RuntimeFacts {
  platform: NodeJS.Platform;
  /** `process.versions.v8` */
  v8Version: string;
  cores: number;
  /** Flags node was started with (`process.execArgv`). */
  nodeFlags: readonly string[];
  /** `ERR_CODEMOD_TUNING` */
  setting: string | undefined;
}

export interface Tuning {
  v8Flags: string[];
  /** Lower the priority of the threads other than the main one. */
  niceHelpers: boolean;
}

const flagName = (flag: string) => flag.split('=')[0]!.replace(/_/g, '-');

/** What to change in a process started as `facts` say. */
export function tuningFor(facts: RuntimeFacts): Tuning {
  const none: Tuning = { v8Flags: [], niceHelpers: false };
  if (facts.setting === '0' || facts.setting === 'false' || facts.cores > MAX_CORES) return none;
  const given = new Set(facts.nodeFlags.map(flagName));
  return {
    v8Flags: Number.parseInt(facts.v8Version, 10) === MEASURED_V8_MAJOR ? V8_FLAGS.filter((flag) => !given.has(flagName(flag))) : [],
    niceHelpers: facts.platform === 'linux',
  };
}

export function runtimeFacts(): RuntimeFacts {
  return {
    platform: process.platform,
    v8Version: process.versions.v8,
    cores: availableCores(),
    nodeFlags: process.execArgv,
    setting: process.env.ERR_CODEMOD_TUNING,
  };
}

/** Applies `tuning` to this process (best effort: a thread that cannot be reniced keeps its priority). */
export function applyTuning(tuning: Tuning): void {
  for (const flag of tuning.v8Flags) v8.setFlagsFromString(flag);
  if (!tuning.niceHelpers) return;
  let threads: string[];
  try {
    threads = fs.readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const tid of threads) {
    if (Number(tid) === process.pid) continue;
    try {
      os.setPriority(Number(tid), Math.min(19, os.getPriority(Number(tid)) + HELPER_NICE));
    } catch {
      // gone already, or not allowed here: it keeps its priority
    }
  }
}

/** Tunes this process as `tuningFor` says for it; what was done. */
export function tuneRuntime(): Tuning {
  const tuning = tuningFor(runtimeFacts());
  applyTuning(tuning);
  return tuning;
}
