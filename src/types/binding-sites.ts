import { ts } from 'ts-morph';

/** A declared name worth asking the checker about. */
export interface BindingSite {
  name: ts.Identifier;
  /** The annotation, or the type of an `as` / `<T>` assertion initialising an unannotated variable. */
  written: ts.TypeNode | undefined;
}

const K = ts.SyntaxKind;

/** Annotations that can never name a response or an error, so their bindings are not worth a checker call. */
const NEVER_INTERESTING_ANNOTATIONS = new Set<ts.SyntaxKind>([
  K.AnyKeyword,
  K.UnknownKeyword,
  K.StringKeyword,
  K.NumberKeyword,
  K.BigIntKeyword,
  K.BooleanKeyword,
  K.SymbolKeyword,
  K.ObjectKeyword,
  K.VoidKeyword,
  K.UndefinedKeyword,
  K.NeverKeyword,
  K.LiteralType,
  K.TemplateLiteralType,
  K.ArrayType,
  K.TupleType,
  K.FunctionType,
  K.ConstructorType,
  K.TypeLiteral,
]);

/** Initialisers whose type is evidently neither a response nor an error. */
const NEVER_INTERESTING_INITIALIZERS = new Set<ts.SyntaxKind>([
  K.StringLiteral,
  K.NoSubstitutionTemplateLiteral,
  K.TemplateExpression,
  K.NumericLiteral,
  K.BigIntLiteral,
  K.TrueKeyword,
  K.FalseKeyword,
  K.NullKeyword,
  K.RegularExpressionLiteral,
  K.ArrayLiteralExpression,
  K.ObjectLiteralExpression,
  K.ArrowFunction,
  K.FunctionExpression,
  K.ClassExpression,
  K.TypeOfExpression,
]);

/**
 * Parameters of functions with a body, variable declarators and catch clause variables whose name is an identifier,
 * in source order, leaving out those whose annotation or initialiser rules the type out.
 */
export function bindingSites(sourceFile: ts.SourceFile): BindingSite[] {
  const sites: BindingSite[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || isAmbient(node)) return;
    if (ts.isParameter(node)) {
      if (ts.isIdentifier(node.name) && node.name.text !== 'this' && hasBody(node.parent) && mayBeInteresting(node.type, undefined)) {
        sites.push({ name: node.name, written: node.type });
      }
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      if (mayBeInteresting(node.type, node.initializer)) sites.push({ name: node.name, written: node.type ?? assertedType(node.initializer) });
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return sites;
}

function hasBody(fn: ts.Node): boolean {
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) return true;
  if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isConstructorDeclaration(fn) || ts.isAccessor(fn)) return fn.body !== undefined;
  return false;
}

function isAmbient(node: ts.Node): boolean {
  return (
    (ts.isVariableStatement(node) || ts.isModuleDeclaration(node) || ts.isClassDeclaration(node) || ts.isFunctionDeclaration(node)) &&
    (node.modifiers?.some((m) => m.kind === K.DeclareKeyword) ?? false)
  );
}

function mayBeInteresting(annotation: ts.TypeNode | undefined, initializer: ts.Expression | undefined): boolean {
  if (annotation) return !NEVER_INTERESTING_ANNOTATIONS.has(annotation.kind);
  if (!initializer) return true;
  return !NEVER_INTERESTING_INITIALIZERS.has(withoutParentheses(initializer).kind);
}

function assertedType(initializer: ts.Expression | undefined): ts.TypeNode | undefined {
  if (!initializer) return undefined;
  const e = withoutParentheses(initializer);
  if (ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) return e.type;
  return undefined;
}

function withoutParentheses(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}
