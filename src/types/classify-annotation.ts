import { ts } from 'ts-morph';
import { combine, type Classified } from './classify-type';
import { fromModule, hasName, KNOWN_TYPES } from './known-types';

/** A local name bound by an import: `imported` is the exported name for a named import, null for a whole module. */
interface ImportedName {
  module: string;
  imported: string | null;
}

export type ImportMap = Map<string, ImportedName>;

export function importsOf(sourceFile: ts.SourceFile): ImportMap {
  const map: ImportMap = new Map();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const module = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (!clause) continue;
      if (clause.name) map.set(clause.name.text, { module, imported: null });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) map.set(bindings.name.text, { module, imported: null });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          map.set(element.name.text, { module, imported: (element.propertyName ?? element.name).text });
        }
      }
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference) &&
      ts.isStringLiteral(statement.moduleReference.expression)
    ) {
      map.set(statement.name.text, { module: statement.moduleReference.expression.text, imported: null });
    }
  }
  return map;
}

/**
 * Classification of a type annotation as written, for when the checker could not resolve it (the framework's types are
 * not installed): `Response` imported from 'express', `express.Response`, `Prisma.PrismaClientKnownRequestError`.
 */
export function classifyAnnotation(node: ts.TypeNode, imports: ImportMap): Classified | null {
  if (ts.isParenthesizedTypeNode(node)) return classifyAnnotation(node.type, imports);
  if (ts.isUnionTypeNode(node)) {
    const classified = node.types.filter((t) => !isNullish(t)).map((t) => classifyAnnotation(t, imports));
    return classified.every((c): c is Classified => c !== null) ? combine(classified) : null;
  }
  if (ts.isIntersectionTypeNode(node)) {
    return combine(node.types.map((t) => classifyAnnotation(t, imports)).filter((c): c is Classified => c !== null));
  }
  if (!ts.isTypeReferenceNode(node)) return null;
  const segments = entityNames(node.typeName);
  const local = imports.get(segments[0]);
  if (!local) return null;
  const name = segments.length === 1 ? local.imported : segments[segments.length - 1];
  if (!name) return null;
  const known = KNOWN_TYPES.find((k) => hasName(k, name) && fromModule(k, local.module));
  return known ? { fact: known.fact, typeName: segments.join('.') } : null;
}

function entityNames(name: ts.EntityName): string[] {
  return ts.isIdentifier(name) ? [name.text] : [...entityNames(name.left), name.right.text];
}

function isNullish(node: ts.TypeNode): boolean {
  return (
    node.kind === ts.SyntaxKind.UndefinedKeyword ||
    node.kind === ts.SyntaxKind.VoidKeyword ||
    (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword)
  );
}

/** The name a type annotation is written with, for messages: `express.Response` for `express.Response | undefined`. */
export function writtenName(node: ts.TypeNode): string | null {
  if (ts.isParenthesizedTypeNode(node)) return writtenName(node.type);
  if (ts.isUnionTypeNode(node)) {
    const members = node.types.filter((t) => !isNullish(t));
    return members.length === 1 ? writtenName(members[0]) : null;
  }
  return ts.isTypeReferenceNode(node) ? entityNames(node.typeName).join('.') : null;
}
