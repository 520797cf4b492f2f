import fs from 'node:fs';
import type * as t from '@babel/types';
import { activeModels, buildFileModel, collectFacts } from '../core/file-model';
import type { CrossFileHooks, DemandKind, FunctionSummary, ImportRef } from '../core/imports';
import { FRAMEWORKS } from '../frameworks';
import { parseSource } from '../parse/parse-source';
import { mayHoldSiteOf } from '../core/prefilter';
import type { ModuleResolver } from './module-resolver';
import { EMPTY_MODULE, summarizeModule, type ModuleSummary } from './summarize';

/** Rounds of the fixed point over the modules' summaries: a chain of helpers this long across files still settles. */
const MAX_ROUNDS = 8;
const MAX_REEXPORT_HOPS = 8;

interface Module {
  rel: string;
  /** The module's text and AST, once parsed. */
  parsed: { program: t.Program; text: string } | null;
  summary: ModuleSummary;
  /** The modules its last summary looked into (through imports and re-exports): it changes only when they do. */
  reads?: Set<string>;
  /** Not parsed: only asked what it returns by itself, and its text shows nothing it could leak (see `load`). */
  skipped?: true;
}

/**
 * What a module's text must show to return something leaky of its own (a caught error, or a string form of one),
 * and the re-exports that make it a barrel. A module only asked `returns-own` (`res.json(await users.list())`: the
 * call's arguments carry nothing) and showing neither is not parsed: most services a controller awaits in a response.
 */
const ERROR_SOURCE = /\bcatch\b|\(\s*(?:err|error)\s*[,)]/;
const LEAK_FORM = /\.(?:message|stack|response|config|request|sqlMessage|sql|detail|errors)\b|\b(?:String|inspect|stringify|toString)\s*\(|\$\{\s*(?:err|error|e|ex)\b|\+\s*(?:err|error|e|ex)\b|[:{,]\s*(?:err|error|e|ex)\s*[,}]|\breturn\s+(?:err|error|e|ex)\b/;
const REEXPORT = /\bexport\s*\*|\bexport\s*(?:type\s*)?\{[^}]*\}\s*from\b|module\.exports\s*=\s*require\b/;
/** A CommonJS barrel: `module.exports = { getErrorMessage: errors.getErrorMessage }` after `require('./errors')`. */
const CJS_OBJECT = /module\.exports\s*=\s*\{/;
const RELATIVE_REQUIRE = /require\(\s*['"]\.{1,2}\//;

/**
 * The summaries of the modules other files asked about, computed on demand: a module is parsed once, and its
 * summary recomputed in rounds until no summary changes (a fixed point, so import cycles settle). Holds the ASTs of
 * these modules only (the helpers and services the analysed files call), never the whole program.
 */
export class SummaryStore {
  private readonly modules = new Map<string, Module>();

  /** How many modules were parsed and summarised (for the curious: `ERR_CODEMOD_DEBUG=cross-file`). */
  get parsed(): number {
    return [...this.modules.values()].filter((m) => m.parsed).length;
  }
  private readonly wanted = new Set<string>();
  /** While a module is summarised: the modules its lookups reach. */
  private reading: Set<string> | null = null;
  /** Modules asked only `returns-own` so far: they may be skipped unparsed. */
  private readonly ownOnly = new Set<string>();

  constructor(
    private readonly resolver: ModuleResolver,
    private readonly relative: (file: string) => string,
    private readonly sanitizers: string[],
  ) {}

  /** Asks for a module's summary (parsed and summarised at the next `solve`). */
  want(file: string, kind: DemandKind = 'returns'): void {
    const mod = this.modules.get(file);
    if (kind !== 'returns-own') {
      this.ownOnly.delete(file);
      // skipped for a narrower question: this one needs the parse
      if (mod?.skipped) this.modules.delete(file);
    } else if (!mod && !this.wanted.has(file)) this.ownOnly.add(file);
    if (!this.modules.has(file)) this.wanted.add(file);
  }

  solve(): void {
    // A summary is a function of the module's own code and of the summaries it read: only the modules that are new,
    // or that read a summary which has changed since, are summarised again.
    const stale = new Set<string>();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      for (const file of this.wanted) {
        this.wanted.delete(file);
        this.load(file);
        stale.add(file);
      }
      for (const [file, mod] of this.modules) {
        // a module that is not parsed (skipped, unreadable) has no summary to redo
        if (!stale.delete(file) || !mod.parsed) continue;
        const next = this.summarize(file, mod, mod.parsed);
        if (JSON.stringify(next) === JSON.stringify(mod.summary)) continue;
        mod.summary = next;
        for (const [other, m] of this.modules) if (m.reads?.has(file)) stale.add(other);
        // what a barrel re-exports is asked for through it
        for (const spec of [...next.reexportAll, ...Object.values(next.reexports).map((r) => r.spec)]) {
          const target = this.resolver.resolve(file, spec);
          if (target) this.want(target, this.ownOnly.has(file) ? 'returns-own' : 'returns');
        }
      }
      if (!stale.size && !this.wanted.size) return;
    }
  }

  /** The hooks a file's analysis uses to see the summaries (unknown modules are wanted for the next solve). */
  hooksFor(importer: string): CrossFileHooks {
    return { lookup: (ref, kind) => this.lookup(importer, ref, kind) };
  }

  lookup(importer: string, ref: ImportRef, kind: DemandKind = 'returns'): FunctionSummary | null {
    const target = this.resolver.resolve(importer, ref.spec);
    return target ? this.follow(target, ref.key, 0, kind) : null;
  }

  /** Where a reference ends up after re-exports: the module and key that define it. */
  home(importer: string, ref: ImportRef): { file: string; key: string } | null {
    const target = this.resolver.resolve(importer, ref.spec);
    return target ? this.homeIn(target, ref.key, 0) : null;
  }

  /** Whether what a demand asked for has a non-trivial answer. */
  answers(importer: string, ref: ImportRef, kind: DemandKind): boolean {
    const s = this.lookup(importer, ref, kind);
    if (!s) return false;
    if (kind === 'returns-own') return s.returns.some((f) => f.kind !== 'param');
    return kind === 'returns' ? s.returns.length > 0 : kind === 'sends' ? !!s.sends : !!s.throws;
  }

  private follow(file: string, key: string, hops: number, kind: DemandKind): FunctionSummary | null {
    const home = this.homeIn(file, key, hops, kind);
    return home ? this.modules.get(home.file)?.summary.exports[home.key] ?? null : null;
  }

  private homeIn(file: string, key: string, hops: number, kind: DemandKind = 'returns'): { file: string; key: string } | null {
    this.reading?.add(file);
    const mod = this.modules.get(file);
    if (!mod || (mod.skipped && kind !== 'returns-own')) {
      this.want(file, kind);
      return null;
    }
    if (hops > MAX_REEXPORT_HOPS) return null;
    const { exports, reexports, reexportAll } = mod.summary;
    for (const k of aliases(key)) {
      if (exports[k]) return { file, key: k };
      // export { a as b } from './x', and `b.c` through a re-exported object
      for (const [name, ref] of Object.entries(reexports)) {
        const rest = k === name ? '' : k.startsWith(`${name}.`) ? k.slice(name.length + 1) : null;
        if (rest === null) continue;
        const target = this.resolver.resolve(file, ref.spec);
        const found = target && this.homeIn(target, [ref.key, rest].filter(Boolean).join('.'), hops + 1, kind);
        if (found) return found;
      }
    }
    if (key !== 'default') {
      for (const spec of reexportAll) {
        const target = this.resolver.resolve(file, spec);
        const found = target && this.homeIn(target, key, hops + 1, kind);
        if (found) return found;
      }
    }
    return null;
  }

  private load(file: string): void {
    const mod: Module = { rel: this.relative(file), parsed: null, summary: EMPTY_MODULE };
    this.modules.set(file, mod);
    try {
      const text = fs.readFileSync(file, 'utf8');
      const barrel = REEXPORT.test(text) || (CJS_OBJECT.test(text) && RELATIVE_REQUIRE.test(text));
      if (this.ownOnly.has(file) && !barrel && !(ERROR_SOURCE.test(text) && LEAK_FORM.test(text))) {
        mod.skipped = true;
        return;
      }
      mod.parsed = { program: parseSource(text, file).program as t.Program, text };
    } catch {
      // unreadable or unparsable: no summary (the file's own analysis reports it when it is analysed)
    }
  }

  private summarize(file: string, mod: Module, { program, text }: NonNullable<Module['parsed']>): ModuleSummary {
    const facts = collectFacts(program, text);
    const models = activeModels(FRAMEWORKS, facts);
    // as in the module's own analysis: a model whose hint is not in the text has no site there
    const siteModels = models.filter((m) => mayHoldSiteOf(m, text));
    const reads = new Set<string>();
    this.reading = reads;
    try {
      const model = buildFileModel(program, facts, models, siteModels, this.hooksFor(file));
      return summarizeModule(model, mod.rel, this.sanitizers);
    } finally {
      this.reading = null;
      mod.reads = reads;
    }
  }
}

/**
 * The keys an import may be found under: ESM's `default` of a CommonJS module is its `module.exports` (key `''`),
 * and `import x from` then `x.f()` is `f` of that object.
 */
function aliases(key: string): string[] {
  if (key === 'default') return ['default', ''];
  if (key === '') return ['', 'default'];
  if (key.startsWith('default.')) return [key, key.slice('default.'.length)];
  return [key];
}
