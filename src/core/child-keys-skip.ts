/** Node keys that never lead to values: positions, comments and type annotations. */
export const SKIPPED_KEYS: readonly string[] = [
  'type',
  'start',
  'end',
  'loc',
  'range',
  'extra',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'comments',
  'tokens',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'superTypeParameters',
  'predicate',
];
