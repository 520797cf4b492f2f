/** `--types <tsconfig>` names a file that does not exist (kept apart from the checker so reporting it loads nothing). */
export class TsconfigNotFoundError extends Error {
  constructor(readonly file: string) {
    super(`tsconfig not found: ${file}`);
    this.name = 'TsconfigNotFoundError';
  }
}
