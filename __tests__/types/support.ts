import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileTypeFacts } from '../../src/types/type-facts';

export const TYPE_FIXTURES = path.resolve(__dirname, '..', '..', '__testfixtures__', 'types');

/** One binding as a comparable string: `line name kind label`. */
export type BindingKey = string;

/**
 * `// type: response express out` at the end of a declaration's line: the binding `out` is an Express response;
 * `// type: error http failure` an error from an HTTP call. Several on one line are separated by `;`.
 */
export function expectedBindings(source: string): BindingKey[] {
  const out: BindingKey[] = [];
  source.split(/\r?\n/).forEach((line, i) => {
    const m = /\/\/\s*type:\s*(.+?)\s*$/.exec(line);
    if (!m) return;
    for (const entry of m[1].split(';')) {
      const [kind, label, name, ...rest] = entry.trim().split(/\s+/);
      if (!kind || !label || !name || rest.length || !/^(response|error)$/.test(kind)) {
        throw new Error(`line ${i + 1}: expected "type: <response|error> <framework|origin|null> <name>", got "${entry}"`);
      }
      out.push(`${i + 1} ${name} ${kind} ${label}`);
    }
  });
  return out.sort();
}

export function actualBindings(source: string, facts: FileTypeFacts | undefined): BindingKey[] {
  if (!facts) return [];
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  return [
    ...facts.responses.map((b) => `${lineOf(b.start)} ${b.name} response ${b.framework}`),
    ...facts.errors.map((b) => `${lineOf(b.start)} ${b.name} error ${String(b.origin)}`),
  ].sort();
}

const tempRoots: string[] = [];

/** A project written under the system's temp folder, outside this repository and its tsconfig.json. */
export function writeTempProject(prefix: string, files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `err-codemod-types-${prefix}-`)));
  tempRoots.push(root);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

export function removeTempProjects(): void {
  for (const root of tempRoots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}
