import fs from 'node:fs';
import path from 'node:path';
import { createPathsMatcher, getTsconfig } from 'get-tsconfig';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
/** TypeScript lets `./x.js` name `./x.ts` (and `.mjs` → `.mts`, `.cjs` → `.cts`). */
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/**
 * Resolves the module specifiers of project files to project files: relative paths (with or without extension, `.js`
 * naming a `.ts` file, directories with an index or a package.json `main`) and `tsconfig.json` `paths` aliases and
 * `baseUrl`. Package imports resolve to nothing: summaries are about the project's own code.
 */
export class ModuleResolver {
  private readonly matchers = new Map<string, ((specifier: string) => string[]) | null>();
  /** get-tsconfig's own cache of the files it read, shared by every directory's lookup. */
  private readonly tsconfigCache = new Map<string, unknown>();
  /** Each directory's entries, listed once: name -> whether it is a file (null: a symbolic link, to stat). */
  private readonly directories = new Map<string, Map<string, boolean | null> | null>();
  private readonly cache = new Map<string, string | null>();

  resolve(importer: string, specifier: string): string | null {
    const dir = path.dirname(importer);
    const key = `${dir}\0${specifier}`;
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = this.uncached(dir, specifier);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private uncached(dir: string, specifier: string): string | null {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) return this.asFileOrDirectory(path.resolve(dir, specifier));
    if (specifier.startsWith('node:')) return null;
    const matcher = this.pathsMatcher(dir);
    for (const candidate of matcher?.(specifier) ?? []) {
      const found = this.asFileOrDirectory(candidate);
      if (found) return found;
    }
    return null;
  }

  /** The tsconfig `paths`/`baseUrl` matcher in force for files of `dir`, from the nearest tsconfig.json. */
  private pathsMatcher(dir: string): ((specifier: string) => string[]) | null {
    let matcher = this.matchers.get(dir);
    if (matcher !== undefined) return matcher;
    try {
      const found = getTsconfig(dir, 'tsconfig.json', this.tsconfigCache);
      matcher = found ? createPathsMatcher(found) : null;
    } catch {
      // an unreadable or invalid tsconfig.json: aliases stay unresolved, relative imports still work
      matcher = null;
    }
    this.matchers.set(dir, matcher);
    return matcher;
  }

  private asFileOrDirectory(target: string): string | null {
    return this.asFile(target) ?? this.asDirectory(target);
  }

  private asFile(target: string): string | null {
    const ext = path.extname(target);
    if (EXTENSIONS.includes(ext)) {
      for (const alt of TS_FOR_JS[ext] ?? []) {
        const ts = target.slice(0, -ext.length) + alt;
        if (this.isFile(ts)) return ts;
      }
      if (this.isFile(target)) return target;
    }
    for (const e of EXTENSIONS) if (this.isFile(target + e)) return target + e;
    return null;
  }

  private asDirectory(target: string): string | null {
    const pkg = path.join(target, 'package.json');
    if (this.isFile(pkg)) {
      try {
        const main = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { main?: unknown }).main;
        if (typeof main === 'string') {
          const found = this.asFile(path.resolve(target, main)) ?? this.asIndex(path.resolve(target, main));
          if (found) return found;
        }
      } catch {
        // not JSON: fall back to the index file
      }
    }
    return this.asIndex(target);
  }

  private asIndex(dir: string): string | null {
    for (const e of EXTENSIONS) {
      const index = path.join(dir, `index${e}`);
      if (this.isFile(index)) return index;
    }
    return null;
  }

  /**
   * Whether `file` exists and is a file. Resolution tries several names per import (`x.ts`, `x.tsx`, `x/index.ts`...),
   * most of them missing: one listing of the directory answers them all, where a stat per name would not. Names
   * match exactly, as on Linux, even where the file system ignores case.
   */
  private isFile(file: string): boolean {
    const dir = path.dirname(file);
    let entries = this.directories.get(dir);
    if (entries === undefined) {
      entries = listDirectory(dir);
      this.directories.set(dir, entries);
    }
    const name = path.basename(file);
    const kind = entries?.get(name);
    if (kind === undefined) return false;
    if (kind !== null) return kind;
    const isFile = fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
    entries!.set(name, isFile);
    return isFile;
  }
}

function listDirectory(dir: string): Map<string, boolean | null> | null {
  try {
    const entries = new Map<string, boolean | null>();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) entries.set(entry.name, entry.isSymbolicLink() ? null : entry.isFile());
    return entries;
  } catch {
    // missing or unreadable: nothing resolves there
    return null;
  }
}
