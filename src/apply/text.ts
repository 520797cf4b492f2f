import type { AstIndex } from './ast';

/**
 * Text-level editing. The transforms locate and judge sites on the recast AST, then splice their replacements
 * into the original text by offset: every byte outside an edited range is kept as it was (recast's reprinter
 * re-indents whole blocks around a replaced statement inside `.then(function () { ... })` chains, which is exactly
 * the legacy code this tool targets).
 */
export interface Edit {
  start: number;
  end: number;
  text: string;
  /** Orders insertions at the same offset. */
  seq?: number;
}

export class EditList {
  private readonly edits: Edit[] = [];
  private seq = 0;

  add(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, seq: this.seq++ });
  }

  insert(at: number, text: string): void {
    this.add(at, at, text);
  }

  get size(): number {
    return this.edits.length;
  }

  /** A mark to go back to with `reset` (edits of a site that turns out to need manual review). */
  mark(): number {
    return this.edits.length;
  }

  reset(mark: number): void {
    this.edits.length = mark;
  }

  /** Whether [start, end) overlaps a replacement already planned (insertions at the bounds do not count). */
  overlaps(start: number, end: number): boolean {
    return this.edits.some((e) => e.end > e.start && start < e.end && end > e.start);
  }

  /** Where an offset of the original text (outside every replaced range) lands in the edited text. */
  mapOffset(offset: number): number {
    let shift = 0;
    for (const e of this.edits) if (e.end <= offset) shift += e.text.length - (e.end - e.start);
    return offset + shift;
  }

  apply(source: string): string {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end || a.seq! - b.seq!);
    let out = '';
    let pos = 0;
    for (const e of sorted) {
      if (e.start < pos) throw new Error(`overlapping edits at offset ${e.start}`);
      out += source.slice(pos, e.start) + e.text;
      pos = e.end;
    }
    return out + source.slice(pos);
  }
}

export type Quote = 'single' | 'double';

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The quote most string literals of the file use (single when there are none or as many of each). */
export function quoteStyle(index: AstIndex, source: string): Quote {
  let single = 0;
  let double = 0;
  for (const n of index.all) {
    if (n.type !== 'StringLiteral' && n.type !== 'DirectiveLiteral') continue;
    const ch = source[n.start];
    if (ch === "'") single++;
    else if (ch === '"') double++;
  }
  return double > single ? 'double' : 'single';
}

/** A string literal in the given quote style. */
export function quoteString(value: string, quote: Quote): string {
  const json = JSON.stringify(value);
  if (quote === 'double') return json;
  const inner = json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${inner}'`;
}

export function lineTerminator(source: string): string {
  const crlf = (source.match(/\r\n/g) ?? []).length;
  const lf = (source.match(/\n/g) ?? []).length - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(source: string, offset: number): number {
  const i = source.lastIndexOf('\n', offset - 1);
  return i + 1;
}

/** Offset just past the end of the line holding `offset` (after its line terminator, or the end of the text). */
export function nextLineStart(source: string, offset: number): number {
  const i = source.indexOf('\n', offset);
  return i < 0 ? source.length : i + 1;
}

/** The whitespace that starts the line holding `offset`. */
export function indentOf(source: string, offset: number): string {
  const start = lineStart(source, offset);
  return /^[ \t]*/.exec(source.slice(start, offset))![0];
}

/** One indentation step as the file writes it (two spaces when it cannot tell). */
export function indentUnit(source: string): string {
  const counts = new Map<string, number>();
  let prev = 0;
  for (const line of source.split('\n')) {
    if (!line.trim()) continue;
    const ws = /^[ \t]*/.exec(line)![0];
    if (ws.includes('\t')) {
      counts.set('\t', (counts.get('\t') ?? 0) + 1);
      continue;
    }
    const diff = ws.length - prev;
    if (diff === 2 || diff === 4) counts.set(' '.repeat(diff), (counts.get(' '.repeat(diff)) ?? 0) + 1);
    prev = ws.length;
  }
  let best = '  ';
  let max = 0;
  for (const [unit, n] of counts) if (n > max) [best, max] = [unit, n];
  return best;
}

/** Whether the statement text ends with its own semicolon (files written without semicolons keep their style). */
export function endsWithSemicolon(source: string, start: number, end: number): boolean {
  return source.slice(start, end).trimEnd().endsWith(';');
}

/** Whether the file ends most statements with a semicolon. */
export function usesSemicolons(index: AstIndex, source: string): boolean {
  let withSemi = 0;
  let without = 0;
  for (const n of index.all) {
    if (!/^(ExpressionStatement|VariableDeclaration|ReturnStatement|ThrowStatement|ImportDeclaration)$/.test(n.type)) continue;
    if (n.type === 'VariableDeclaration' && index.parent(n)?.type?.startsWith('For')) continue;
    if (source[n.end - 1] === ';') withSemi++;
    else without++;
  }
  return withSemi >= without;
}
