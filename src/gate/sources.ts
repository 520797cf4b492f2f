import fs from 'node:fs';
import type { File } from '@babel/types';
import { parseSource } from '../parse/parse-source';

/** A file's text, or null when it cannot be read. */
export function readText(abs: string): string | null {
  try {
    return fs.readFileSync(abs, 'utf8');
  } catch {
    return null;
  }
}

/** A file's AST, or null when it does not parse (such files are reported by the analysis already). */
export function parseText(text: string, abs: string): File | null {
  try {
    return parseSource(text, abs);
  } catch {
    return null;
  }
}
