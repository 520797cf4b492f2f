import type { Node, FunctionNode } from './ast';
import type { FunctionSummary } from './imports';

export type Severity = 'error' | 'warning';
export type RuleId =
  | 'leaked-exception'
  | 'leaked-downstream'
  | 'error-in-2xx'
  | 'bare-500'
  | 'client-error-as-500'
  | 'auth-status-mismatch'
  | 'account-enumeration';

export type FrameworkId = 'express' | 'node-http' | 'koa' | 'fastify' | 'nestjs' | 'next' | 'hapi';

/** Where a site lives: 1-based lines and columns; `endColumn` is exclusive, as in ESLint. */
export interface SourceRange {
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What the rewrite of a site should produce; computed once by the rule so `apply` and `analyze` agree. */
export interface FixPlan {
  /**
   * `wrap-cause`: hand the caught error on wrapped in `errorClass` with `cause`; `replace`: throw a new typed error;
   * `forward`: hand the caught error on as it is (it carries its own status); `remove`: drop the statement (a header
   * that only leaks, before a response that is fine).
   */
  kind: 'wrap-cause' | 'replace' | 'forward' | 'remove';
  errorClass: string;
  /** Vetted message for the new error, when the author wrote one. */
  message?: string;
  /** Name of the caught error value to pass as `cause`. */
  cause?: string;
  /** For UpstreamError: the downstream service's name. */
  service?: string;
  /**
   * The response the site writes to, when the site is not a chain on it: a call handing `res` to an imported helper
   * (`sendError(res, err.message)`).
   */
  response?: string;
}

export interface RelatedLocation {
  /** Set when the location is in another file (a caller of an imported helper); relative like Finding.file. */
  file?: string;
  line: number;
  column: number;
  message: string;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Relative to the current directory, with `/` separators. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  framework: FrameworkId;
  fixable: boolean;
  /** Offsets of the site in the file, for `apply` and code frames. */
  range: SourceRange;
  fix?: FixPlan;
  related?: RelatedLocation[];
  /**
   * For a site inside an exported response helper: its export keys, its name, the same-file caller lines and the
   * message suffix naming them (cross-file analysis adds callers from other files). Not part of any report format.
   */
  helper?: { name: string; exports: string[]; lines: number[]; suffix: string };
}

export interface FileError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** How a handler's parameters are used, as a framework model sees them. */
export interface HandlerRole {
  framework: FrameworkId;
  kind: 'route' | 'error-middleware' | 'server' | 'helper';
  /** Names of parameters that are response objects (res, ctx, reply, h). */
  responses: string[];
  /** A parameter that holds an error (4-argument error middleware, error-handler callbacks). */
  errorParam?: string;
  /** The `next` callback, when there is one. */
  nextParam?: string;
  /**
   * Given by `--types` only (a typed response parameter, no framework registration seen): how errors leave such a
   * handler depends on the wrapper that registers it, so its sites are not rewritten.
   */
  fromTypes?: true;
}

/**
 * A response emission as a framework model recognises it: the call or assignment that sends a body, a status or a
 * header. Status, taint and context are worked out by the core from these expressions.
 */
export interface RawSite {
  node: Node;
  framework: FrameworkId;
  /** The method or property used (`json`, `send`, `sendStatus`, `end`, `body`, `setHeader`...). */
  method: string;
  /** Response binding the site writes to. */
  response: string;
  /**
   * Status given in the site itself (`res.status(500).json()`, `sendStatus(500)`, `writeHead(500)`), or a number when
   * the API implies it without an expression (`new NotFoundException()`, `Boom.badGateway()`).
   */
  status?: Node | number;
  /**
   * Status the framework uses when none is set before the site: 200 when absent (201 for a NestJS `@Post()`); null
   * when it is only known at run time (Fastify's error handler answers with the error's own status).
   */
  implicitStatus?: number | null;
  /**
   * The site raises an error that the framework's error handler turns into the response (`throw new XException()`,
   * `ctx.throw()`, `Boom.x()`), instead of writing the response itself.
   */
  raises?: boolean;
  /** For a raising site: the expression handed on as the new error's cause or data (`{ cause: err }`). */
  cause?: Node;
  /**
   * Statuses for which the framework replaces the body with a generic one (http-errors / `ctx.throw` hide messages
   * of 5xx errors, Boom only those of exactly 500).
   */
  hidesBodyAt?: 'server-errors' | 'exactly-500';
  /** An error detail the framework itself sends (Fastify's default error handler sends `error.message`). */
  implicitLeak?: string;
  /** Why the framework sends it, appended to leak messages. */
  note?: string;
  /** Body expressions sent (possibly several for `write`). */
  body: Node[];
  /** Header value expressions. */
  headers: Node[];
  /** Sends headers/status only, or an explicitly empty body. */
  bodyless: boolean;
  /** Only sets a header; it does not send the response. */
  headerOnly: boolean;
  /** Streaming or partial write: not a complete response. */
  partial?: boolean;
  /** A call of an imported function that sends the response it is given: its summary and the call's arguments. */
  helperCall?: { summary: FunctionSummary; args: Node[] };
}

/** A status-setting statement that precedes a send (`res.status(500);`, `res.statusCode = 500`). */
export interface StatusSetter {
  node: Node;
  response: string;
  status: Node;
}

export interface FunctionInfo {
  fn: FunctionNode;
  role: HandlerRole | null;
}
