import type * as t from '@babel/types';
import { dottedName, isCall, isFunction, isMember, parentOf, propertyName, unwrap, walk, type FunctionNode, type Node } from '../core/ast';
import type { HandlerRole, RawSite, StatusSetter } from '../core/types';
import { EXPRESS_API } from './express';
import { FASTIFY_API } from './fastify';
import { ERROR_NAME, REQUEST_NAME, RESPONSE_NAME, importsAny, isNamedFunction, paramNames, paramTypeName } from './names';
import { matchResponseCall, unchain, type ResponseApi } from './response-chain';
import { RoleBook, decoratorsOf, importsAnyOnce, own, statusSetterVia, isNothing, newSite, objectProperty } from './shared';
import type { FileFacts, FrameworkModel, ResponseResolver } from './types';

/**
 * NestJS 7-11: `HttpException` and its built-in subclasses (whose message Nest sends at every status, 500 included),
 * `@Res()` responses on the Express or Fastify adapter, exception filters (`@Catch()`) that write the response, and
 * values returned by controller routes (sent with 200, or 201 for `@Post()`, unless `@HttpCode()` says otherwise).
 *
 * A thrown value that is not an HttpException reaches the client as a generic 500: not a site.
 */

const NEST_MODULES = /^@nestjs\//;

/** Built-in HttpException subclasses and the status each one sends. */
export const NEST_EXCEPTIONS: Record<string, number> = {
  BadRequestException: 400, UnauthorizedException: 401, ForbiddenException: 403, NotFoundException: 404,
  MethodNotAllowedException: 405, NotAcceptableException: 406, RequestTimeoutException: 408, ConflictException: 409,
  GoneException: 410, PreconditionFailedException: 412, PayloadTooLargeException: 413, UnsupportedMediaTypeException: 415,
  ImATeapotException: 418, MisdirectedException: 421, UnprocessableEntityException: 422, InternalServerErrorException: 500,
  NotImplementedException: 501, BadGatewayException: 502, ServiceUnavailableException: 503, GatewayTimeoutException: 504,
  HttpVersionNotSupportedException: 505,
};

const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Delete', 'Patch', 'Options', 'Head', 'All', 'Search']);
const RESPONSE_TYPE = /^(express\.)?(Response|ServerResponse)$|^(Fastify\.)?FastifyReply$/;

/** Responses of both adapters: `res.status(500).json()` (Express) and `reply.code(500).send()` (Fastify). */
const NEST_API: ResponseApi = {
  framework: 'nestjs',
  senders: { ...EXPRESS_API.senders, ...FASTIFY_API.senders },
  statusSetters: new Set([...EXPRESS_API.statusSetters, ...FASTIFY_API.statusSetters]),
  headerSetters: new Set([...EXPRESS_API.headerSetters, ...FASTIFY_API.headerSetters]),
  passThrough: new Set([...EXPRESS_API.passThrough, ...FASTIFY_API.passThrough]),
};

interface NestExtra {
  /** For controller routes whose return value is the response: the status it is sent with. */
  returns?: { status?: Node; implicit: number; response?: string };
}

const book = new RoleBook<NestExtra>();

function classOf(method: FunctionNode): Node | null {
  const body = parentOf(method);
  const cls = body?.type === 'ClassBody' ? parentOf(body) : null;
  return cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression') ? cls : null;
}

/** Parameters decorated `@Res()` / `@Response()`, and whether one of them is `{ passthrough: true }`. */
function injectedResponses(fn: FunctionNode): { names: string[]; passthrough: boolean } {
  const names: string[] = [];
  let passthrough = false;
  fn.params.forEach((p, i) => {
    const res = decoratorsOf(p as Node).find((d) => d.name === 'Res' || d.name === 'Response');
    if (!res) return;
    const name = paramNames(fn)[i];
    if (name) names.push(name);
    const flag = objectProperty(res.args[0], 'passthrough');
    if (flag && unwrap(flag).type === 'BooleanLiteral' && (unwrap(flag) as t.BooleanLiteral).value) passthrough = true;
  });
  return { names, passthrough };
}

/** `const response = ctx.getResponse<Response>()` in an exception filter. */
function responseLocals(fn: FunctionNode): string[] {
  const out: string[] = [];
  walk(fn.body, (n) => {
    if (n !== fn.body && isFunction(n)) return false;
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init) {
      const init = unwrap(n.init as Node);
      if (isCall(init) && isMember(init.callee as Node) && propertyName(init.callee as t.MemberExpression) === 'getResponse') out.push(n.id.name);
    }
    return true;
  });
  return out;
}

/** Parameters that hold a response by type or name (`res: Response`, `reply: FastifyReply`). */
function responseParams(fn: FunctionNode): number[] {
  const names = paramNames(fn);
  const out: number[] = [];
  fn.params.forEach((p, i) => {
    const type = paramTypeName(p as Node);
    if ((type && RESPONSE_TYPE.test(type)) || (!type && names[i] && (RESPONSE_NAME.test(names[i]!) || names[i] === 'reply'))) out.push(i);
  });
  return out;
}

/** `throw new NotFoundException(...)`, `new HttpException(body, status, { cause })`. */
function exceptionSite(node: t.NewExpression): RawSite | null {
  const callee = unwrap(node.callee as Node);
  const name = callee.type === 'Identifier' ? callee.name : isMember(callee) ? propertyName(callee) : null;
  if (!name || (name !== 'HttpException' && !own(NEST_EXCEPTIONS, name))) return null;
  const args = node.arguments as Node[];
  const site = newSite(node, 'nestjs', name, '<exception>');
  site.raises = true;
  if (args[0] && !isNothing(args[0])) site.body.push(args[0]);
  if (name === 'HttpException') {
    if (args[1]) site.status = args[1];
    else site.implicitStatus = null;
    const cause = objectProperty(args[2], 'cause');
    if (cause) site.cause = cause;
  } else {
    site.status = NEST_EXCEPTIONS[name]!;
    const second = args[1] ? unwrap(args[1]) : null;
    if (second?.type === 'ObjectExpression') {
      // (objectOrError, { cause, description }): the description is the `error` field of the body
      const description = objectProperty(second, 'description');
      if (description) site.body.push(description);
      const cause = objectProperty(second, 'cause');
      if (cause) site.cause = cause;
    } else if (args[1]) {
      site.body.push(args[1]);
    }
  }
  if (!site.body.length) site.bodyless = true;
  return site;
}

/** `httpAdapter.reply(ctx.getResponse(), body, status)` in a filter built on the HttpAdapterHost. */
function adapterReply(call: t.CallExpression | t.OptionalCallExpression, resolve: ResponseResolver): RawSite | null {
  const callee = unwrap(call.callee as Node);
  if (!isMember(callee) || propertyName(callee) !== 'reply' || !/httpAdapter$/i.test(dottedName(callee.object as Node) ?? '')) return null;
  const args = call.arguments as Node[];
  const site = newSite(call, 'nestjs', 'reply', (args[0] && resolve(args[0])) ?? '<adapter>');
  if (args[1] && !isNothing(args[1])) site.body.push(args[1]);
  else site.bodyless = true;
  if (args[2]) site.status = args[2];
  return site;
}

export const nestjs: FrameworkModel = {
  id: 'nestjs',
  fallback: false,
  // Nest is recognised from its imports only.
  hint: /@nestjs\//,
  detect(facts: FileFacts): boolean {
    book.file(facts);
    return importsAny(facts, NEST_MODULES);
  },
  handlerRole(fn: FunctionNode, facts: FileFacts): HandlerRole | null {
    book.file(facts);
    if (!importsAnyOnce(facts, NEST_MODULES)) return null;
    const names = paramNames(fn);
    const cls = fn.type === 'ClassMethod' ? classOf(fn) : null;
    const methodName = fn.type === 'ClassMethod' && fn.key.type === 'Identifier' ? fn.key.name : null;
    if (cls && methodName === 'catch' && decoratorsOf(cls).some((d) => d.name === 'Catch')) {
      const responses = [...new Set([...responseLocals(fn), ...responseParams(fn).map((i) => names[i]!)])];
      return book.give(fn, { framework: 'nestjs', kind: 'error-middleware', responses, errorParam: names[0] ?? undefined }, {});
    }
    const decorators = cls ? decoratorsOf(fn) : [];
    const route = decorators.find((d) => ROUTE_DECORATORS.has(d.name));
    if (route) {
      const injected = injectedResponses(fn);
      const extra: NestExtra = {};
      if (!injected.names.length || injected.passthrough) {
        const code = decorators.find((d) => d.name === 'HttpCode');
        extra.returns = { implicit: route.name === 'Post' ? 201 : 200 };
        // @Res({ passthrough: true }) res: `res.status(500); return body;` sets the status of the returned body
        if (injected.names[0]) extra.returns.response = injected.names[0];
        if (code?.args[0]) extra.returns.status = code.args[0];
      }
      return book.give(fn, { framework: 'nestjs', kind: 'route', responses: injected.names }, extra);
    }
    const resIndex = responseParams(fn);
    const responses = resIndex.map((i) => names[i]!);
    const errorParam = names.find((n, i) => !resIndex.includes(i) && !!n && ERROR_NAME.test(n)) ?? undefined;
    if (responses.length && resIndex[0]! >= 1 && names[resIndex[0]! - 1] && REQUEST_NAME.test(names[resIndex[0]! - 1]!)) {
      return book.give(fn, { framework: 'nestjs', kind: 'route', responses, nextParam: names[resIndex[0]! + 1] ?? undefined }, {});
    }
    if ((responses.length || errorParam) && (cls || isNamedFunction(fn))) {
      return book.give(fn, { framework: 'nestjs', kind: 'helper', responses, errorParam }, {});
    }
    // Service, guard and pipe methods: the exceptions they throw become responses.
    if (cls) return book.give(fn, { framework: 'nestjs', kind: 'route', responses: [] }, {});
    return null;
  },
  matchSite(node: Node, resolve: ResponseResolver): RawSite | null {
    if (node.type === 'NewExpression') return exceptionSite(node);
    if (node.type === 'ReturnStatement') {
      const arg = node.argument as Node | null;
      if (!book.any || isNothing(arg)) return null;
      const own = book.direct(node);
      const returns = own?.extra.returns;
      if (!returns) return null;
      const a = unwrap(arg!);
      if (a.type === 'NewExpression' && exceptionSite(a)) return null;
      if (isCall(a)) {
        const chain = unchain(a);
        if (chain && resolve(chain.base)) return null;
      }
      const site = newSite(node, 'nestjs', 'return', returns.response ?? '<return>');
      site.body.push(arg!);
      if (returns.status) site.status = returns.status;
      else site.implicitStatus = returns.implicit;
      return site;
    }
    if (!isCall(node)) return null;
    return adapterReply(node, resolve) ?? matchResponseCall(NEST_API, node, resolve);
  },
  matchStatusSetter: (node: Node, resolve: ResponseResolver): StatusSetter | null => statusSetterVia(NEST_API, node, resolve),
};
