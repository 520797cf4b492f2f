export * from './errors';
export { default as formatError } from './format-error';
export type { FormattedError } from './format-error';
