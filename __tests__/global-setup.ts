import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * CLI and worker tests run the compiled dist/: emit it once so they never test stale code. Type errors are the
 * typecheck step's business (`npm run typecheck`); tsc still emits, so they are only echoed here.
 */
export default function setup(): void {
  const root = path.join(__dirname, '..');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) process.stderr.write(`tsc reported problems while building dist/ for the tests:\n${r.stdout}${r.stderr}`);
}
