import fs from 'node:fs';
import path from 'node:path';
import type { RuleId, Severity } from './core/types';
import { RULE_IDS } from './rules';

export interface Config {
  rules: Partial<Record<RuleId, Severity | 'off'>>;
  /** Functions whose return value is vetted for clients (`safeMessage(err)`): taint stops there. */
  sanitizers: string[];
  /** Extra method names that send a response body (`res.sendError(...)`), for the framework models. */
  responseSinks: string[];
  include?: string[];
  exclude?: string[];
  errorsModule?: string;
  framework?: string;
  /** Where the config was read from, if anywhere. */
  source?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const CONFIG_FILE = 'err-codemod.config.json';

/** Values of the `framework` key: what `init` generates for, plus the models the analyzer knows. */
export const CONFIG_FRAMEWORKS = ['express', 'koa', 'fastify', 'nestjs', 'next', 'node-http', 'hapi'] as const;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function stringList(value: unknown, key: string, source: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ConfigError(`${source}: "${key}" must be an array of strings`);
  return value as string[];
}

/** Validates a raw config object; throws ConfigError naming the offending key. */
export function parseConfig(raw: unknown, source: string): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${source}: the config must be a JSON object`);
  const obj = raw as Record<string, unknown>;
  const config: Config = { rules: {}, sanitizers: [], responseSinks: [], source };
  const known = new Set(['$schema', 'rules', 'sanitizers', 'include', 'exclude', 'errorsModule', 'framework', 'responseSinks', 'generatedFiles']);
  for (const key of Object.keys(obj)) if (!known.has(key)) throw new ConfigError(`${source}: unknown key "${key}"`);
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) throw new ConfigError(`${source}: "rules" must be an object of rule id to "error" | "warning" | "off"`);
    for (const [id, level] of Object.entries(obj.rules)) {
      if (!RULE_IDS.includes(id as RuleId)) throw new ConfigError(`${source}: "rules.${id}" is not a rule (rules: ${RULE_IDS.join(', ')})`);
      if (level !== 'error' && level !== 'warning' && level !== 'off') throw new ConfigError(`${source}: "rules.${id}" must be "error", "warning" or "off"`);
      config.rules[id as RuleId] = level;
    }
  }
  if (obj.sanitizers !== undefined) config.sanitizers = stringList(obj.sanitizers, 'sanitizers', source);
  if (obj.include !== undefined) config.include = stringList(obj.include, 'include', source);
  if (obj.exclude !== undefined) config.exclude = stringList(obj.exclude, 'exclude', source);
  if (obj.responseSinks !== undefined) {
    config.responseSinks = stringList(obj.responseSinks, 'responseSinks', source);
    const bad = config.responseSinks.find((name) => !IDENTIFIER.test(name));
    if (bad !== undefined) throw new ConfigError(`${source}: "responseSinks" must hold method names (like "sendError"), not ${JSON.stringify(bad)}`);
  }
  const badSanitizer = config.sanitizers.find((name) => !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(name));
  if (badSanitizer !== undefined) throw new ConfigError(`${source}: "sanitizers" must hold function names (like "safeMessage" or "errors.publicMessage"), not ${JSON.stringify(badSanitizer)}`);
  for (const key of ['errorsModule', 'framework'] as const) {
    if (obj[key] === undefined) continue;
    if (typeof obj[key] !== 'string' || !obj[key]) throw new ConfigError(`${source}: "${key}" must be a non-empty string`);
    config[key] = obj[key] as string;
  }
  if (config.framework !== undefined && !(CONFIG_FRAMEWORKS as readonly string[]).includes(config.framework)) {
    throw new ConfigError(`${source}: "framework" must be one of ${CONFIG_FRAMEWORKS.join(', ')} (got ${JSON.stringify(config.framework)})`);
  }
  return config;
}

/** Reads `err-codemod.config.json` (or package.json's "errCodemod" key) from `cwd`; empty config when neither exists. */
export function loadConfig(cwd: string, explicit?: string): Config {
  const file = explicit ? path.resolve(cwd, explicit) : path.join(cwd, CONFIG_FILE);
  if (explicit || fs.existsSync(file)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`${path.basename(file)} is not valid JSON: ${(error as Error).message}`);
    }
    return parseConfig(raw, path.basename(file));
  }
  const pkgFile = path.join(cwd, 'package.json');
  if (fs.existsSync(pkgFile)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as Record<string, unknown>;
      if (pkg.errCodemod !== undefined) return parseConfig(pkg.errCodemod, 'package.json#errCodemod');
    } catch (error) {
      if (error instanceof ConfigError) throw error;
    }
  }
  return { rules: {}, sanitizers: [], responseSinks: [] };
}
