import { ts } from 'ts-morph';
import type { FrameworkId } from '../core/types';
import { hasName, KNOWN_TYPES, type ErrorOrigin } from './known-types';

export type Fact = { kind: 'response'; framework: FrameworkId } | { kind: 'error'; origin: ErrorOrigin | null };

export interface Classified {
  fact: Fact;
  /** Name of the type, for messages. */
  typeName: string;
}

const F = ts.TypeFlags;
const SKIPPED =
  F.Any | F.Unknown | F.Never | F.NonPrimitive | F.StringLike | F.NumberLike | F.BigIntLike | F.BooleanLike | F.EnumLike | F.ESSymbolLike | F.VoidLike | F.Null;
const NULLISH = F.Null | F.Undefined | F.Void;
const MAX_BASE_DEPTH = 12;

/** Classifies checker types as server responses or errors; one per program, as types are cached by identity. */
export class TypeClassifier {
  private readonly byType = new Map<ts.Type, Classified | null>();
  private readonly bySymbol = new Map<ts.Symbol, Fact | null>();

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
  ) {}

  classify(type: ts.Type, depth = 0): Classified | null {
    const cached = this.byType.get(type);
    if (cached !== undefined) return cached;
    if (depth > MAX_BASE_DEPTH) return null;
    // Mark as in progress so a cycle through base types ends.
    this.byType.set(type, null);
    const result = this.compute(type, depth);
    this.byType.set(type, result);
    return result;
  }

  private compute(type: ts.Type, depth: number): Classified | null {
    if (type.flags & SKIPPED) return null;
    if (type.aliasSymbol) {
      const fact = this.symbolFact(type.aliasSymbol);
      if (fact) return { fact, typeName: type.aliasSymbol.name };
    }
    if (type.flags & F.TypeParameter) {
      const constraint = this.checker.getBaseConstraintOfType(type);
      return constraint && constraint !== type ? this.classify(constraint, depth + 1) : null;
    }
    if (type.isUnion()) {
      const members = type.types.filter((t) => !(t.flags & NULLISH));
      const classified = members.map((t) => this.classify(t, depth + 1));
      return classified.every((c): c is Classified => c !== null) ? combine(classified) : null;
    }
    if (type.isIntersection()) {
      const classified = type.types.map((t) => this.classify(t, depth + 1)).filter((c): c is Classified => c !== null);
      return combine(classified);
    }
    const symbol = type.getSymbol();
    if (!symbol) return null;
    const target = isReference(type) ? type.target : type;
    // The static side of a class (`const Ctor = AxiosError`) has the class's symbol too: only its instance type counts.
    if (this.checker.getDeclaredTypeOfSymbol(symbol) !== target) return null;
    const fact = this.symbolFact(symbol);
    if (fact) return { fact, typeName: symbol.name };
    if (!(objectFlags(target) & ts.ObjectFlags.ClassOrInterface)) return null;
    for (const base of this.checker.getBaseTypes(target as ts.InterfaceType)) {
      const inherited = this.classify(base, depth + 1);
      if (inherited) return { fact: inherited.fact, typeName: symbol.name };
    }
    return null;
  }

  private symbolFact(symbol: ts.Symbol): Fact | null {
    let fact = this.bySymbol.get(symbol);
    if (fact === undefined) {
      fact = this.lookUp(symbol);
      this.bySymbol.set(symbol, fact);
    }
    return fact;
  }

  private lookUp(symbol: ts.Symbol): Fact | null {
    const files = (symbol.declarations ?? []).map((d) => d.getSourceFile());
    if (symbol.name === 'Error' && files.some((f) => this.program.isSourceFileDefaultLibrary(f))) return { kind: 'error', origin: null };
    for (const known of KNOWN_TYPES) {
      if (hasName(known, symbol.name) && files.some((f) => known.declaredIn.test(f.fileName))) return known.fact;
    }
    return null;
  }
}

function objectFlags(type: ts.Type): ts.ObjectFlags {
  return type.flags & F.Object ? (type as ts.ObjectType).objectFlags : 0;
}

function isReference(type: ts.Type): type is ts.TypeReference {
  return (objectFlags(type) & ts.ObjectFlags.Reference) !== 0;
}

/**
 * One classification for several types that stand for one value (union members, intersection parts): they must agree
 * on the framework; errors of different origins make an error of unknown origin.
 */
export function combine(all: Classified[]): Classified | null {
  const [first, ...rest] = all;
  if (!first) return null;
  const { fact } = first;
  if (fact.kind === 'response') {
    return rest.every((c) => c.fact.kind === 'response' && c.fact.framework === fact.framework) ? first : null;
  }
  if (!rest.every((c) => c.fact.kind === 'error')) return null;
  return rest.every((c) => c.fact.kind === 'error' && c.fact.origin === fact.origin) ? first : { fact: { kind: 'error', origin: null }, typeName: first.typeName };
}
