/** Calls to other systems, by the callee's dotted name: what a caught error of theirs reveals depends on which. */
const HTTP_CLIENT = /^(axios|got|superagent|needle|request|requestPromise|rp|ky|undici|fetch)(\.\w+)?$/;
const HTTP_METHOD = /(^|\.)(axios|http|https|api|client|httpClient|apiClient|httpService|\w+(Api|Client|API))\.(get|post|put|patch|delete|request|head)$/;
const SQL_CALL = /(^|\.)(db|pool|conn|connection|client|knex|sequelize|mysql|pg|sql|database|\w+(Db|DB|Pool|Connection))\.(query|execute|raw|exec)$/;

export type DownstreamOrigin = 'http' | 'sql';

export function downstreamCallOrigin(callee: string): DownstreamOrigin | null {
  if (HTTP_CLIENT.test(callee) || HTTP_METHOD.test(callee)) return 'http';
  if (SQL_CALL.test(callee)) return 'sql';
  return null;
}
