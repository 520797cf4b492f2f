import path from 'node:path';
import type { CrossFileHooks } from '../core/imports';
import type { Finding } from '../core/types';
import { ModuleResolver } from './module-resolver';
import { SummaryStore } from './store';
import type { FileLinks } from './links';

interface Outcome {
  findings: Finding[];
  links?: FileLinks;
}

export interface FollowOptions {
  cwd: string;
  sanitizers?: string[];
}

/**
 * The second pass of cross-file analysis, after every file's own analysis (`outcomes` by index in `files`):
 * 1. the modules the files asked about are summarised, to a fixed point over imports and cycles;
 * 2. files whose questions have an answer are analysed again with the summaries (their findings replaced);
 * 3. findings inside exported response helpers get the callers from other files.
 * Files that asked nothing, or only about modules with nothing to say, keep their first-pass findings.
 */
export function followImports<O extends Outcome>(
  files: string[],
  outcomes: Map<number, O>,
  options: FollowOptions,
  reanalyze: (file: string, hooks: CrossFileHooks) => O,
): void {
  const asking = [...outcomes].filter(([, o]) => o.links);
  if (!asking.length) return;
  const resolver = new ModuleResolver();
  const relative = (file: string) => path.relative(options.cwd, file).split(path.sep).join('/') || path.basename(file);
  const store = new SummaryStore(resolver, relative, options.sanitizers ?? []);
  for (const [index, o] of asking) {
    for (const d of o.links!.demands) {
      const target = resolver.resolve(files[index]!, d.spec);
      if (target) store.want(target, d.kind);
    }
  }
  store.solve();

  let again = 0;
  for (const [index, o] of asking) {
    const file = files[index]!;
    if (!o.links!.demands.some((d) => store.answers(file, d, d.kind))) continue;
    again++;
    const second = reanalyze(file, store.hooksFor(file));
    // a file that changed on disk since the first pass and no longer parses keeps its first-pass findings
    if (!('error' in second && second.error)) outcomes.set(index, { ...o, findings: second.findings });
  }
  if (process.env.ERR_CODEMOD_DEBUG === 'cross-file') {
    process.stderr.write(`cross-file: ${asking.length} files asked about imports, ${store.parsed} modules parsed and summarised, ${again} files analysed again\n`);
  }

  addCallers(files, outcomes, store, relative);
}

/** Lists, on each exported helper's own finding, the calls of it in other files. */
function addCallers<O extends Outcome>(files: string[], outcomes: Map<number, O>, store: SummaryStore, relative: (file: string) => string): void {
  const callers = new Map<string, { file: string; line: number; column: number }[]>();
  for (const [index, o] of outcomes) {
    for (const c of o.links?.calls ?? []) {
      const home = store.home(files[index]!, c);
      if (!home) continue;
      const id = `${home.file}\0${home.key}`;
      const list = callers.get(id) ?? [];
      list.push({ file: relative(files[index]!), line: c.line, column: c.column });
      callers.set(id, list);
    }
  }
  if (!callers.size) return;
  for (const [index, o] of outcomes) {
    for (const f of o.findings) {
      if (!f.helper) continue;
      const calls = f.helper.exports.flatMap((key) => callers.get(`${files[index]!}\0${key}`) ?? []);
      if (!calls.length) continue;
      calls.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
      f.related = [...(f.related ?? []), ...calls.map((c) => ({ file: c.file, line: c.line, column: c.column, message: `${f.helper!.name} is called here` }))];
      if (f.helper.suffix && f.message.endsWith(f.helper.suffix)) {
        f.message = f.message.slice(0, -f.helper.suffix.length) + callersSuffix(f.helper.name, f.helper.lines, calls);
      }
    }
  }
}

/** " (through sendError, called at line 12, src/routes/users.js:30 and src/routes/orders.ts:8)" */
function callersSuffix(name: string, lines: number[], calls: { file: string; line: number }[]): string {
  const places = [...new Set([...lines.sort((a, b) => a - b).map((l) => `line ${l}`), ...calls.map((c) => `${c.file}:${c.line}`)])];
  const shown = places.length > 4 ? [...places.slice(0, 3), `${places.length - 3} more places`] : places;
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return ` (through ${name}, called at ${list})`;
}
