import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Files among `files` with uncommitted changes (modified, staged, untracked), or null when `cwd` is not in a git
 * work tree. Only the files apply is about to write matter: each must be restorable with git.
 */
export function uncommittedFiles(cwd: string, files: string[]): string[] | null {
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  if (top.status !== 0 || !top.stdout.trim()) return null;
  const root = top.stdout.trim();
  const dirty: string[] = [];
  for (let i = 0; i < files.length; i += 100) {
    const chunk = files.slice(i, i + 100).map((f) => path.relative(root, f));
    const st = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...chunk], { cwd: root, encoding: 'utf8' });
    if (st.status !== 0) return null;
    const entries = st.stdout.split('\0').filter(Boolean);
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[k]!;
      const code = entry.slice(0, 2);
      dirty.push(path.join(root, entry.slice(3)));
      if (code.startsWith('R') || code.startsWith('C')) k++; // the original path of a rename follows
    }
  }
  return dirty;
}
