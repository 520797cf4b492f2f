import { describe, expect, it } from 'vitest';
import { autoJobs, parseJobsValue, resolveJobs } from '../../src/parallel/jobs';
import { createProgress } from '../../src/progress';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 80, write: (s: string) => (writes.push(s), true) } };
}

describe('progress indicator', () => {
  it('writes nothing when the stream is not a terminal', () => {
    const { writes, stream } = fakeStream(false);
    let t = 0;
    const p = createProgress(stream, { now: () => t });
    t = 5000;
    p.update(1, 10);
    p.done();
    expect(writes).toEqual([]);
  });

  it('writes nothing when disabled (JSON, SARIF...)', () => {
    const { writes, stream } = fakeStream(true);
    let t = 0;
    const p = createProgress(stream, { enabled: false, now: () => t });
    t = 5000;
    p.update(1, 10);
    p.done();
    expect(writes).toEqual([]);
  });

  it('stays silent during the first second, then draws one line and erases it at the end', () => {
    const { writes, stream } = fakeStream(true);
    let t = 0;
    const p = createProgress(stream, { now: () => t });
    t = 500;
    p.update(1, 3000);
    expect(writes).toEqual([]);
    t = 1200;
    p.update(1500, 3000);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\r\x1b\[2Kerr-codemod: analysing 1,500\/3,000 files \(50%\)/);
    t = 1250;
    p.update(1600, 3000); // throttled
    expect(writes).toHaveLength(1);
    t = 1400;
    p.update(3000, 3000);
    expect(writes).toHaveLength(2);
    p.done();
    p.done();
    expect(writes).toHaveLength(3);
    expect(writes[2]).toBe('\r\x1b[2K');
  });

  it('does not erase anything on a run shorter than the delay', () => {
    const { writes, stream } = fakeStream(true);
    const p = createProgress(stream, { now: () => 0 });
    p.update(10, 10);
    p.done();
    expect(writes).toEqual([]);
  });
});

describe('--jobs', () => {
  it('parses positive integers and auto', () => {
    expect(parseJobsValue('1')).toBe(1);
    expect(parseJobsValue('4')).toBe(4);
    expect(parseJobsValue('auto')).toBe('auto');
    for (const bad of ['0', '-1', '1.5', 'two', '', '99999']) expect(parseJobsValue(bad), bad).toBeNull();
  });

  it('never uses more threads than files', () => {
    expect(resolveJobs(8, 3)).toBe(3);
    expect(resolveJobs(2, 0)).toBe(1);
    expect(resolveJobs(1, 1000)).toBe(1);
  });

  it('auto: one thread on two cores and on small runs, workers on larger machines', () => {
    expect(autoJobs(100_000, 2)).toBe(1);
    expect(autoJobs(100_000, 1)).toBe(1);
    expect(autoJobs(10, 16)).toBe(1);
    expect(autoJobs(100_000, 4)).toBeGreaterThan(1);
    expect(autoJobs(100_000, 64)).toBeLessThanOrEqual(8);
  });
});
