import fs from 'node:fs';
import path from 'node:path';

/** `// expect: rule-a, rule-b` at the end of a line: the findings that must start on that line. */
export function expectedFindings(source: string): string[] {
  const out: string[] = [];
  source.split(/\r?\n/).forEach((line, i) => {
    const m = /\/\/\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/.exec(line);
    if (m) for (const id of m[1]!.split(',')) out.push(`${i + 1}:${id.trim()}`);
  });
  return out.sort();
}

export function listFixtures(dir: string, exts = /\.(c|m)?(j|t)sx?$/): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (exts.test(entry.name)) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}
