import { createWriteStream } from 'node:fs';

// Writes rows to a file stream: stream.write/end, not a response.
export function exportCsv(path: string, rows: Record<string, unknown>[]): Promise<void> {
  const out = createWriteStream(path);
  const columns = Object.keys(rows[0] ?? {});
  out.write(columns.join(',') + '\n');
  for (const row of rows) out.write(columns.map((c) => JSON.stringify(row[c] ?? '')).join(',') + '\n');
  return new Promise((resolve, reject) => {
    out.on('error', reject);
    out.end(resolve);
  });
}
