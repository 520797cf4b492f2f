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

/** Adds a .gitignore's patterns to `ig`; how many it had. */
function addGitignore(root: string, file: string, ig: Ignore): number {
  const prefix = path.relative(root, path.dirname(file)).split(path.sep).join('/');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return 0;
  }
  let added = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    added++;
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
  return added;
}

/** .gitignore files from the root down to `dir`, then every nested one below `dir`; how many patterns they hold. */
async function loadGitignores(root: string, dir: string, ig: Ignore): Promise<number> {
  const chain: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    chain.unshift(d);
    if (d === root || path.dirname(d) === d) break;
  }
  let patterns = 0;
  for (const d of chain.slice(0, -1)) patterns += addGitignore(root, path.join(d, '.gitignore'), ig);
  const nested = await glob('**/.gitignore', { cwd: dir, absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });
  for (const file of nested.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))) patterns += addGitignore(root, file, ig);
  return patterns;
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
  let patterns = 0;
  // `path.relative(root, m)` for the files under the root, without its cost per file
  const rootPrefix = path.sep === '/' ? `${root === '/' ? '' : root}/` : null;

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
    // The two walks of the folder (its .gitignore files, its sources) run side by side; the patterns apply after both.
    const gitignores = options.gitignore !== false && !gitignoreLoaded.has(abs) ? loadGitignores(root, abs, ig) : Promise.resolve(0);
    gitignoreLoaded.add(abs);
    const [added, matches] = await Promise.all([
      gitignores,
      glob(include, {
        cwd: abs,
        absolute: true,
        dot: false,
        onlyFiles: true,
        followSymbolicLinks: false,
        ignore: [...ALWAYS_EXCLUDED, ...(options.exclude ?? [])],
      }),
    ]);
    patterns += added;
    for (const m of matches) {
      if (!SOURCE_EXTENSIONS.includes(path.extname(m).slice(1).toLowerCase())) continue;
      if (patterns > 0) {
        const rel = rootPrefix && m.startsWith(rootPrefix) ? m.slice(rootPrefix.length) : path.relative(root, m).split(path.sep).join('/');
        if (rel && !rel.startsWith('..') && ig.ignores(rel)) continue;
      }
      found.add(path.normalize(m));
    }
  }
  return { files: [...found].sort(), missing };
}
