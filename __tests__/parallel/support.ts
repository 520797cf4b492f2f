import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const distWorker = path.join(repoRoot, 'dist', 'parallel', 'worker.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Worker threads run the compiled dist/ (they cannot load TypeScript), while vitest runs src/: build when dist/ is
 * missing or older than a source file, so both sides run the same code. Returns why workers cannot be tested, or
 * null when dist/ is fresh.
 */
export function ensureBuilt(): string | null {
  const fresh = () => fs.existsSync(distWorker) && fs.statSync(distWorker).mtimeMs >= newestMtime(path.join(repoRoot, 'src'));
  if (fresh()) return null;
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'pipe' });
  } catch {
    // tsc exits non-zero on type errors elsewhere in the tree but still emits; what matters is the output below.
  }
  if (!fs.existsSync(distWorker)) return `dist/parallel/worker.js is missing and \`npm run build\` did not produce it: run \`npm run build\` and look at its errors`;
  return null;
}

/** Source files under `dir`, sorted. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(p);
      } else if (/\.(c|m)?(j|t)sx?$/.test(entry.name) && !/\.d\.(c|m)?ts$/.test(entry.name)) {
        out.push(p);
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

/** A JSON report with its only run-dependent field blanked. */
export const comparableJson = (text: string) => text.replace(/"durationMs": \d+/, '"durationMs": 0');
