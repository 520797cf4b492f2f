import fs from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';

/** The nearest `tsconfig.json` walking up from a directory; memoised per directory, as files share their folders. */
export class TsconfigFinder {
  private readonly byDir = new Map<string, string | null>();

  nearest(dir: string): string | null {
    const visited: string[] = [];
    let found: string | null | undefined;
    for (let current = dir; ; ) {
      found = this.byDir.get(current);
      if (found !== undefined) break;
      visited.push(current);
      const candidate = path.join(current, 'tsconfig.json');
      if (isFile(candidate)) {
        found = candidate;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) {
        found = null;
        break;
      }
      current = parent;
    }
    for (const d of visited) this.byDir.set(d, found);
    return found;
  }
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export interface ParsedTsconfig {
  options: ts.CompilerOptions;
  /** The config lists no files of its own and only references other projects (`"files": []` + `references`). */
  solution: ts.ProjectReference[] | null;
}

/**
 * Compiler options of a tsconfig, `extends` included. The `include` globs are not expanded: only the analysed files
 * go into the program, and walking a large tree for nothing costs as much as the rest.
 */
export function readTsconfig(file: string): ParsedTsconfig {
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(`cannot read ${file}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: () => [],
  };
  const parsed = ts.parseJsonConfigFileContent(config, host, path.dirname(file), undefined, file);
  const { files, include } = config as { files?: unknown; include?: unknown };
  const listsNothing = isEmptyList(files) ? include === undefined || isEmptyList(include) : files === undefined && isEmptyList(include);
  return { options: parsed.options, solution: listsNothing && parsed.projectReferences?.length ? [...parsed.projectReferences] : null };
}

/**
 * For a solution-style tsconfig, the referenced project whose files include `file` (as the editor picks it), or null.
 * Referenced configs are parsed in full here, globs included, once each.
 */
export class ReferencedProjects {
  private readonly fileNames = new Map<string, Set<string> | null>();

  owner(references: ts.ProjectReference[], file: string): string | null {
    const wanted = path.resolve(file);
    for (const reference of references) {
      const config = ts.resolveProjectReferencePath(reference);
      if (this.filesOf(config)?.has(wanted)) return config;
    }
    return null;
  }

  private filesOf(config: string): Set<string> | null {
    let names = this.fileNames.get(config);
    if (names === undefined) {
      names = null;
      if (isFile(config)) {
        const { config: json, error } = ts.readConfigFile(config, ts.sys.readFile);
        if (!error) {
          const parsed = ts.parseJsonConfigFileContent(json, ts.sys, path.dirname(config), undefined, config);
          names = new Set(parsed.fileNames.map((f) => path.resolve(f)));
        }
      }
      this.fileNames.set(config, names);
    }
    return names;
  }
}
