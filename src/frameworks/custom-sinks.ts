import type { Node } from '../core/ast';
import { matchResponseCall, type ResponseApi } from './response-chain';
import { EXPRESS_API } from './express';
import type { FrameworkModel, ResponseResolver } from './types';

/**
 * Extra methods that send a response (`res.fail(500, body)`, a `res.sendError(...)` added by a home-made
 * middleware), named in the config's `responseSinks`. They are read like `res.send`: an optional status first,
 * then the body, after any `status()`/`set()` calls. Responses are Express's (the receivers it recognises).
 */
export function customSinksModel(names: readonly string[]): FrameworkModel | null {
  if (!names.length) return null;
  const api: ResponseApi = {
    ...EXPRESS_API,
    senders: Object.fromEntries(names.map((n) => [n, 'body' as const])),
  };
  const escaped = names.map((n) => n.replace(/[$]/g, '\\$')).join('|');
  return {
    id: 'express',
    fallback: false,
    hint: new RegExp(`\\.\\s*(${escaped})\\s*\\(|\\[\\s*['"\`](${escaped})['"\`]\\s*\\]`),
    detect: () => false,
    handlerRole: () => null,
    matchSite: (node: Node, resolve: ResponseResolver) => matchResponseCall(api, node, resolve),
    matchStatusSetter: () => null,
  };
}
