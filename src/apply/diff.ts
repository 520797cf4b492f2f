import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { createColors } from 'picocolors';

/** A git-style unified diff of one file (`git apply` accepts it), coloured when asked. */
export function unifiedDiff(rel: string, before: string, after: string, color: boolean): string {
  const patch = createTwoFilesPatch(`a/${rel}`, `b/${rel}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
  const text = `diff --git a/${rel} b/${rel}\n${patch}`;
  if (!color) return text;
  const pc = createColors(true);
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('diff --git') || line.startsWith('--- ') || line.startsWith('+++ ')) return pc.bold(line);
      if (line.startsWith('@@')) return pc.cyan(line);
      if (line.startsWith('+')) return pc.green(line);
      if (line.startsWith('-')) return pc.red(line);
      return line;
    })
    .join('\n');
}
