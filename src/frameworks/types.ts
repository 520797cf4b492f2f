import type { FunctionNode, Node } from '../core/ast';
import type { FrameworkId, HandlerRole, RawSite, StatusSetter } from '../core/types';

/** What the core knows about a file before rules run. */
export interface FileFacts {
  /** Module specifiers the file imports or requires. */
  imports: Set<string>;
  /** Local names bound to an import: local name -> `module` or `module#export`. */
  importedNames: Map<string, string>;
}

/**
 * Resolves an expression to the response binding it denotes, if any, for one framework: the name of the handler
 * parameter (or its alias) that holds the response.
 */
export type ResponseResolver = (expr: Node) => string | null;

/**
 * Everything err-codemod knows about one framework. Rules never look at framework APIs directly: they see the
 * RawSites and HandlerRoles these models produce.
 */
export interface FrameworkModel {
  id: FrameworkId;
  /** Whether a file uses this framework, from its imports. */
  detect(facts: FileFacts): boolean;
  /**
   * Text every site of this framework contains (a method name such as `.json(`). Files matching no model's hint
   * cannot hold a site, so they are not parsed at all: keep it a superset of what `matchSite` recognises.
   */
  hint: RegExp;
  /** Used for files that import no known framework (controllers and helpers often import nothing). */
  fallback: boolean;
  /** The role of a function for this framework, or null when it is not one of its handlers. */
  handlerRole(fn: FunctionNode, facts: FileFacts): HandlerRole | null;
  /** A response site rooted at `node` (a call or an assignment), when its receiver is a response. */
  matchSite(node: Node, resolve: ResponseResolver): RawSite | null;
  /** A statement that sets the status for a later send (`res.status(500);`, `res.statusCode = 500`). */
  matchStatusSetter(node: Node, resolve: ResponseResolver): StatusSetter | null;
}
