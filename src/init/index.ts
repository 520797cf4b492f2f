export { chooseFramework, detectProject, InitError, type ProjectInfo } from './detect';
export {
  extensionFor,
  fileState,
  FRAMEWORKS,
  generateFiles,
  SHARED_MODULES,
  siblingSpecifier,
  type Framework,
  type GeneratedFile,
  type Lang,
  type ModuleKind,
  type OutputSpec,
} from './generate';
export { registrationInstructions } from './instructions';
export {
  CONFIG_FILE,
  DEFAULT_OUT,
  formatInitReport,
  InitConflictError,
  runInit,
  type FileAction,
  type InitFile,
  type InitOptions,
  type InitResult,
} from './run';
