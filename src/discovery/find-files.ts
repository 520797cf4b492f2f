import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob } from 'tinyglobby';

export const SOURCE_EXTENSIONS = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'];

/** Folders that never hold hand-written application source. */
const ALWAYS_EXCLUDED = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/coverage/**',
  '**/.nyc_output/**',
  '**/*.min.js',
  '**/*.bundle.js',
  '**/*-bundle.js',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
];

export interface DiscoveryOptions {
  cwd: string;
  include?: string[];
  exclude?: string[];
  /** Respect .gitignore files (default true). */
  gitignore?: boolean;
}

export interface DiscoveredFiles {
  /** Absolute paths, sorted. */
  files: string[];
  /** Paths named on the command line that do not exist. */
  missing: string[];
}

function addGitignore(root: string, file: string, ig: Ignore): void {
  const prefix = path.relative(root, path.dirname(file)).split(path.sep).join('/');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return;
  }
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (!prefix) {
      ig.add(line);
      continue;
    }
    // Patterns of a nested .gitignore are relative to its folder: rebase them onto the root.
    const negated = line.startsWith('!');
    const body = negated ? line.slice(1) : line;
    const anchored = body.startsWith('/') || body.slice(0, -1).includes('/');
    const rebased = anchored ? `${prefix}/${body.replace(/^\//, '')}` : `${prefix}/**/${body}`;
    ig.add(negated ? `!${rebased}` : rebased);
  }
}

/** .gitignore files from the root down to `dir`, then every nested one below `dir`. */
async function loadGitignores(root: string, dir: string, ig: Ignore): Promise<void> {
  const chain: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    chain.unshift(d);
    if (d === root || path.dirname(d) === d) break;
  }
  for (const d of chain.slice(0, -1)) addGitignore(root, path.join(d, '.gitignore'), ig);
  const nested = await glob('**/.gitignore', { cwd: dir, absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });
  for (const file of nested.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))) addGitignore(root, file, ig);
}

/** Finds the git work tree root above `start`, or `start` itself when there is none. */
function projectRoot(start: string): string {
  for (let d = start; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return start;
  }
}

export async function findSourceFiles(paths: string[], options: DiscoveryOptions): Promise<DiscoveredFiles> {
  const cwd = options.cwd;
  const root = projectRoot(cwd);
  const ig = ignore();
  const gitignoreLoaded = new Set<string>();
  const exts = SOURCE_EXTENSIONS.join(',');
  const include = options.include?.length ? options.include : [`**/*.{${exts}}`];
  const missing: string[] = [];
  const found = new Set<string>();

  for (const p of paths.length ? paths : ['.']) {
    const abs = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (stat.isFile()) {
      // A file named explicitly is analysed whatever its folder, but still by extension.
      if (SOURCE_EXTENSIONS.includes(path.extname(abs).slice(1).toLowerCase())) found.add(abs);
      continue;
    }
    if (options.gitignore !== false && !gitignoreLoaded.has(abs)) {
      gitignoreLoaded.add(abs);
      await loadGitignores(root, abs, ig);
    }
    const matches = await glob(include, {
      cwd: abs,
      absolute: true,
      dot: false,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: [...ALWAYS_EXCLUDED, ...(options.exclude ?? [])],
    });
    for (const m of matches) {
      if (!SOURCE_EXTENSIONS.includes(path.extname(m).slice(1).toLowerCase())) continue;
      const rel = path.relative(root, m).split(path.sep).join('/');
      if (rel && !rel.startsWith('..') && ig.ignores(rel)) continue;
      found.add(path.normalize(m));
    }
  }
  return { files: [...found].sort(), missing };
}
