import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export class ChangedFilesError extends Error {
  override name = 'ChangedFilesError';
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

function gitError(error: unknown): string {
  const e = error as { stderr?: string; code?: string; message?: string };
  if (e.code === 'ENOENT') return 'git is not installed or not on PATH';
  return (e.stderr || e.message || String(error)).trim().split('\n')[0] ?? '';
}

/**
 * Files changed since `ref`, for `analyze --changed-since`: every file that differs between the merge base of `ref`
 * and HEAD and the working tree (committed, staged or not), plus untracked files that are not ignored. Deleted files
 * are left out. The merge base is what a pull request is compared with, so commits that landed on the target branch
 * after the branch was cut do not count as changes. Returns absolute paths.
 */
export function changedFiles(cwd: string, ref: string): Set<string> {
  if (!ref || ref.startsWith('-')) throw new ChangedFilesError(`--changed-since: "${ref}" is not a git ref`);
  let root: string;
  try {
    root = git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch (error) {
    throw new ChangedFilesError(`--changed-since needs a git work tree: ${gitError(error)}`);
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  } catch {
    throw new ChangedFilesError(`--changed-since: unknown git ref "${ref}" (in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
  }
  let base = ref;
  try {
    base = git(['merge-base', ref, 'HEAD'], root).trim() || ref;
  } catch {
    // No common ancestor (or no HEAD yet): compare with the ref itself.
  }
  // Express the root as seen from `cwd` (git prints real paths; `cwd` may go through a symlink, as /tmp does on macOS).
  let logicalRoot = root;
  try {
    logicalRoot = path.resolve(cwd, path.relative(fs.realpathSync(cwd), fs.realpathSync(root)));
  } catch {
    // keep git's path
  }
  const out = new Set<string>();
  try {
    const diff = git(['-c', 'core.quotePath=false', 'diff', '--name-only', '-z', '--diff-filter=d', base, '--'], root);
    const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], root);
    for (const rel of [...diff.split('\0'), ...untracked.split('\0')]) if (rel) out.add(path.join(logicalRoot, rel));
  } catch (error) {
    throw new ChangedFilesError(`--changed-since: git failed: ${gitError(error)}`);
  }
  return out;
}
