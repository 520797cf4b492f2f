import { ts } from 'ts-morph';

/** Options that change what is emitted or reported, never the type of a declaration. */
const TYPE_NEUTRAL = new Set([
  'configFilePath',
  'outDir',
  'rootDir',
  'declarationDir',
  'outFile',
  'tsBuildInfoFile',
  'composite',
  'incremental',
  'declaration',
  'declarationMap',
  'emitDeclarationOnly',
  'sourceMap',
  'inlineSourceMap',
  'inlineSources',
  'sourceRoot',
  'mapRoot',
  'removeComments',
  'noEmit',
  'noEmitOnError',
  'importHelpers',
  'noEmitHelpers',
  'newLine',
  'stripInternal',
  'emitBOM',
  'skipLibCheck',
  'skipDefaultLibCheck',
  'noUnusedLocals',
  'noUnusedParameters',
  'noImplicitReturns',
  'noFallthroughCasesInSwitch',
  'noImplicitOverride',
  'allowUnreachableCode',
  'allowUnusedLabels',
  'forceConsistentCasingInFileNames',
  'noErrorTruncation',
  'pretty',
  'ignoreDeprecations',
]);

/** A tsconfig's options as the type-aware pass compiles with them. */
export function programOptions(options: ts.CompilerOptions): ts.CompilerOptions {
  return {
    ...options,
    // JavaScript files get types from JSDoc and inference, and through the typed code they call.
    allowJs: true,
    noEmit: true,
    // TypeScript 6 includes no @types package unless listed; Node's ambient modules ('http') live in @types/node.
    types: options.types ?? ['node'],
  };
}

/**
 * Tsconfigs whose options only differ in what they emit or report give every declaration the same type, so their
 * files can share one program: monorepo packages extending one base config then parse the libs and @types once.
 * The type roots are part of the key, as they are found from each tsconfig's folder.
 */
export function sharingKey(options: ts.CompilerOptions): string {
  const relevant = Object.entries(options)
    .filter(([name]) => !TYPE_NEUTRAL.has(name) && !(name === 'pathsBasePath' && !options.paths))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const typeRoots = ts.getEffectiveTypeRoots(options, { getCurrentDirectory: () => process.cwd() }) ?? [];
  return JSON.stringify([relevant, typeRoots.filter((root) => ts.sys.directoryExists(root))]);
}
