/** The app's own error, which only shares its name with TypeORM's. */
export class QueryFailedError extends Error {
  constructor(readonly query: string) {
    super(`query failed: ${query}`);
  }
}
