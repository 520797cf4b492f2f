import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELPER_NICE, tuningFor, V8_FLAGS, type RuntimeFacts } from '../../src/runtime/tuning';

const NODE_20_LINUX: RuntimeFacts = { platform: 'linux', v8Version: '11.3.244.8-node.33', cores: 2, nodeFlags: [], setting: undefined };
const FULL = { v8Flags: [...V8_FLAGS], niceHelpers: true };
const NONE = { v8Flags: [], niceHelpers: false };

describe('runtime tuning for short runs on few cores', () => {
  it('sets the compiler flags and lowers the helper threads on Node 20, Linux, two cores or one', () => {
    expect(tuningFor(NODE_20_LINUX)).toEqual(FULL);
    expect(tuningFor({ ...NODE_20_LINUX, cores: 1 })).toEqual(FULL);
  });

  it("changes nothing with more cores, where the helper threads do not take the main thread's core", () => {
    expect(tuningFor({ ...NODE_20_LINUX, cores: 4 })).toEqual(NONE);
  });

  it('leaves the compiler alone on other V8 versions, where the flag was not measured (an unknown one prints on stdout)', () => {
    expect(tuningFor({ ...NODE_20_LINUX, v8Version: '12.4.254.21-node.33' })).toEqual({ v8Flags: [], niceHelpers: true });
    expect(tuningFor({ ...NODE_20_LINUX, v8Version: '10.2.154.26-node.26' })).toEqual({ v8Flags: [], niceHelpers: true });
  });

  it('lowers thread priorities only on Linux, where a thread id names one thread and not the whole process', () => {
    expect(tuningFor({ ...NODE_20_LINUX, platform: 'darwin' })).toEqual({ v8Flags: [...V8_FLAGS], niceHelpers: false });
    expect(tuningFor({ ...NODE_20_LINUX, platform: 'win32' })).toEqual({ v8Flags: [...V8_FLAGS], niceHelpers: false });
  });

  it('is turned off by ERR_CODEMOD_TUNING=0', () => {
    expect(tuningFor({ ...NODE_20_LINUX, setting: '0' })).toEqual(NONE);
    expect(tuningFor({ ...NODE_20_LINUX, setting: '1' })).toEqual(FULL);
  });

  it('keeps a V8 flag given to node as it was given, whichever way it is spelled', () => {
    expect(tuningFor({ ...NODE_20_LINUX, nodeFlags: ['--max-inlined-bytecode-size-cumulative=920'] }).v8Flags).toEqual([]);
    expect(tuningFor({ ...NODE_20_LINUX, nodeFlags: ['--max_inlined_bytecode_size_cumulative=500', '--inspect'] }).v8Flags).toEqual([]);
    expect(tuningFor({ ...NODE_20_LINUX, nodeFlags: ['--inspect'] }).v8Flags).toEqual([...V8_FLAGS]);
  });
});

describe('applying it', () => {
  // in a process of its own: priorities and V8 flags cannot be undone
  it.runIf(process.platform === 'linux')('lowers every thread but the main one, which keeps its priority', () => {
    const tuning = path.join(__dirname, '..', '..', 'dist', 'runtime', 'tuning.js');
    const script = `
      const fs = require('node:fs'), os = require('node:os');
      const before = os.getPriority(process.pid);
      require(${JSON.stringify(tuning)}).applyTuning({ v8Flags: [], niceHelpers: true });
      const others = fs.readdirSync('/proc/self/task').filter((t) => Number(t) !== process.pid).map((t) => os.getPriority(Number(t)));
      console.log(JSON.stringify({ before, main: os.getPriority(process.pid), others }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { before, main, others } = JSON.parse(r.stdout) as { before: number; main: number; others: number[] };
    expect(main).toBe(before);
    expect(others.length).toBeGreaterThan(0);
    expect(new Set(others)).toEqual(new Set([Math.min(19, before + HELPER_NICE)]));
  });
});
