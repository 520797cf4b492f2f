import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Project, ts } from 'ts-morph';
import type { FrameworkId } from '../core/types';
import { TsconfigNotFoundError } from './errors';
import { bindingSites } from './binding-sites';
import { classifyAnnotation, importsOf, writtenName, type ImportMap } from './classify-annotation';
import { TypeClassifier, type Classified } from './classify-type';
import { programOptions, sharingKey } from './program-options';
import { readTsconfig, ReferencedProjects, TsconfigFinder, type ParsedTsconfig } from './tsconfig';

export interface TypedBinding {
  /**
   * UTF-16 offset from the start of the file of the binding's identifier where it is declared (a parameter, a
   * variable declarator's name, a catch clause variable): the same number as @babel/parser's `node.start`.
   */
  start: number;
  name: string;
  /** The type as written or inferred, for messages: 'Response', 'FastifyReply', 'AxiosError', ... */
  type: string;
}

export interface ResponseBinding extends TypedBinding {
  framework: FrameworkId;
}

export interface ErrorBinding extends TypedBinding {
  /** What failed: an HTTP call ('http'), a database query ('sql'), or unknown (null: `Error` or another subclass). */
  origin: 'http' | 'sql' | null;
}

export interface FileTypeFacts {
  responses: ResponseBinding[];
  errors: ErrorBinding[];
}

export interface TypeFactsResult {
  /** By absolute file path. Files without any fact may be absent. */
  files: Map<string, FileTypeFacts>;
  /** tsconfig.json files used (absolute). */
  projects: string[];
  /**
   * Analysed files that no tsconfig.json covers (absolute): they are analysed without types. So are files whose
   * tsconfig cannot be read, or on which the checker failed.
   */
  untyped: string[];
  durationMs: number;
}

export interface TypeFactsOptions {
  cwd: string;
  /** One tsconfig for every file, instead of each file's nearest tsconfig.json. */
  tsconfig?: string;
}

export function collectTypeFacts(files: string[], options: TypeFactsOptions): TypeFactsResult {
  const started = performance.now();
  const absolute = [...new Set(files.map((f) => path.resolve(options.cwd, f)))];
  const { groups, untyped } = groupByTsconfig(absolute, options);
  const result: TypeFactsResult = { files: new Map(), projects: [], untyped, durationMs: 0 };
  for (const program of sharedPrograms(groups, options, untyped)) {
    let facts: Map<string, FileTypeFacts>;
    try {
      facts = factsOfProgram(program.options, program.files, result.untyped);
    } catch (error) {
      if (options.tsconfig) throw error;
      // A tsconfig the compiler cannot work with: its files are analysed without types, like files without one.
      result.untyped.push(...program.files);
      continue;
    }
    result.projects.push(...program.tsconfigs);
    for (const [file, fileFacts] of facts) result.files.set(file, fileFacts);
  }
  result.projects.sort();
  result.untyped = [...new Set(result.untyped)].sort();
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

function groupByTsconfig(files: string[], options: TypeFactsOptions): { groups: Map<string, string[]>; untyped: string[] } {
  const groups = new Map<string, string[]>();
  const untyped: string[] = [];
  const add = (tsconfig: string, file: string) => {
    const group = groups.get(tsconfig);
    if (group) group.push(file);
    else groups.set(tsconfig, [file]);
  };
  if (options.tsconfig) {
    const tsconfig = explicitTsconfig(path.resolve(options.cwd, options.tsconfig));
    for (const file of files) add(tsconfig, file);
    return { groups, untyped };
  }
  const finder = new TsconfigFinder();
  const references = new ReferencedProjects();
  const solutions = new Map<string, ts.ProjectReference[] | null>();
  for (const file of files) {
    const nearest = finder.nearest(path.dirname(file));
    if (!nearest) {
      untyped.push(file);
      continue;
    }
    let solution = solutions.get(nearest);
    if (solution === undefined) {
      solution = tryRead(nearest)?.solution ?? null;
      solutions.set(nearest, solution);
    }
    add((solution && references.owner(solution, file)) ?? nearest, file);
  }
  return { groups, untyped };
}

/** The tsconfig named by the user; a folder stands for its tsconfig.json, as with `tsc -p`. */
function explicitTsconfig(given: string): string {
  const file = fs.statSync(given, { throwIfNoEntry: false })?.isDirectory() ? path.join(given, 'tsconfig.json') : given;
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new TsconfigNotFoundError(file);
  return file;
}

function tryRead(tsconfig: string): ParsedTsconfig | null {
  try {
    return readTsconfig(tsconfig);
  } catch {
    return null;
  }
}

interface SharedProgram {
  tsconfigs: string[];
  options: ts.CompilerOptions;
  files: string[];
}

function sharedPrograms(groups: Map<string, string[]>, options: TypeFactsOptions, untyped: string[]): SharedProgram[] {
  const byKey = new Map<string, SharedProgram>();
  for (const [tsconfig, files] of groups) {
    const parsed = options.tsconfig ? readTsconfig(tsconfig) : tryRead(tsconfig);
    if (!parsed) {
      untyped.push(...files);
      continue;
    }
    const compilerOptions = programOptions(parsed.options);
    const key = sharingKey(compilerOptions);
    const shared = byKey.get(key);
    if (shared) {
      shared.tsconfigs.push(tsconfig);
      shared.files.push(...files);
    } else {
      byKey.set(key, { tsconfigs: [tsconfig], options: compilerOptions, files: [...files] });
    }
  }
  return [...byKey.values()];
}

function factsOfProgram(options: ts.CompilerOptions, files: string[], failed: string[]): Map<string, FileTypeFacts> {
  const project = new Project({ compilerOptions: options, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const added = files.filter((file) => project.addSourceFileAtPathIfExists(file) !== undefined);
  const program = project.getProgram().compilerObject;
  const checker = program.getTypeChecker();
  const classifier = new TypeClassifier(program, checker);
  const facts = new Map<string, FileTypeFacts>();
  for (const file of added) {
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) continue;
    let fileFacts: FileTypeFacts;
    try {
      fileFacts = factsOfFile(sourceFile, checker, classifier, bomLength(file));
    } catch {
      // The checker can fail on code it does not support; that file is analysed without types.
      failed.push(file);
      continue;
    }
    if (fileFacts.responses.length || fileFacts.errors.length) facts.set(file, fileFacts);
  }
  return facts;
}

function factsOfFile(sourceFile: ts.SourceFile, checker: ts.TypeChecker, classifier: TypeClassifier, offset: number): FileTypeFacts {
  const facts: FileTypeFacts = { responses: [], errors: [] };
  const isJs = /\.[cm]?jsx?$/i.test(sourceFile.fileName);
  let imports: ImportMap | undefined;
  for (const { name, written } of bindingSites(sourceFile)) {
    const type = checker.getTypeAtLocation(name);
    let classified: Classified | null = null;
    if (type.flags & ts.TypeFlags.Any) {
      // Unresolved (the package's types are not installed): trust the annotation and where its name is imported from.
      if (written && !isJs) classified = classifyAnnotation(written, (imports ??= importsOf(sourceFile)));
    } else {
      classified = classifier.classify(type);
    }
    if (!classified) continue;
    const binding = { start: name.getStart(sourceFile) + offset, name: name.text, type: (written && writtenName(written)) ?? classified.typeName };
    if (classified.fact.kind === 'response') facts.responses.push({ ...binding, framework: classified.fact.framework });
    else facts.errors.push({ ...binding, origin: classified.fact.origin });
  }
  return facts;
}

/** ts-morph drops a byte order mark when it reads a file, while the analyzer's parser counts it. */
function bomLength(file: string): number {
  const head = Buffer.alloc(3);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const read = fs.readSync(fd, head, 0, 3, 0);
    return read === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 1 : 0;
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
