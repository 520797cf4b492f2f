'use strict';
/**
 * Deterministic generator for the benchmark tree: a monorepo of Node backend services (Express, TypeScript and
 * JavaScript) with the layers a real one has: routes, controllers, middleware, services, repositories, models,
 * types, validators, utils, jobs and tests. About one file in five holds response calls (controllers, routes with
 * inline handlers, middleware, HTTP tests); a share of those carry the anti-patterns err-codemod reports.
 *
 * Same seed and version -> byte-identical tree. `ensureTree` regenerates only when the stamp differs.
 */
const fs = require('node:fs');
const path = require('node:path');

/** Bump when the templates change, so an old tree is rebuilt. */
const GENERATOR_VERSION = 3;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  /** Picks by weight: `[[weight, value], ...]`. */
  weighted(pairs) {
    const total = pairs.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][1];
  }
  shuffle(list) {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

const SERVICES = [
  ['billing', 'ts'], ['catalog', 'ts'], ['identity', 'ts'], ['orders', 'cjs'], ['shipping', 'ts'], ['notifications', 'esm'],
  ['search', 'ts'], ['reviews', 'cjs'], ['inventory', 'ts'], ['payments', 'ts'], ['analytics', 'cjs'], ['gateway', 'ts'],
  ['support', 'esm'], ['loyalty', 'ts'],
];

const NOUNS = [
  'account', 'address', 'invoice', 'payment', 'refund', 'order', 'cart', 'product', 'category', 'review', 'rating', 'coupon',
  'discount', 'shipment', 'parcel', 'carrier', 'warehouse', 'stock', 'supplier', 'customer', 'user', 'session', 'token',
  'role', 'permission', 'team', 'project', 'task', 'comment', 'attachment', 'notification', 'subscription', 'plan', 'webhook',
  'event', 'report', 'export', 'import', 'ticket', 'message', 'thread', 'tag', 'label', 'price', 'tax', 'currency', 'wallet',
  'ledger', 'transfer', 'payout', 'dispute', 'audit', 'device', 'location', 'schedule', 'booking', 'reminder', 'template',
  'campaign', 'segment', 'reward', 'badge', 'point', 'tier', 'favorite', 'wishlist', 'banner', 'page', 'menu', 'setting',
];
const QUALIFIERS = ['', '', '', 'line', 'item', 'history', 'batch', 'rule', 'snapshot', 'request', 'summary', 'entry', 'link', 'group'];
const FIELDS = [
  ['name', 'string'], ['title', 'string'], ['description', 'string'], ['status', 'string'], ['amountCents', 'number'],
  ['quantity', 'number'], ['currency', 'string'], ['email', 'string'], ['externalId', 'string'], ['priority', 'number'],
  ['notes', 'string'], ['isActive', 'boolean'], ['expiresAt', 'Date'], ['ownerId', 'string'], ['position', 'number'],
  ['slug', 'string'], ['locale', 'string'], ['version', 'number'], ['archived', 'boolean'], ['scheduledAt', 'Date'],
];
const UPSTREAMS = ['https://api.stripe.example.com/v1', 'https://geo.example.net/v2', 'https://partner.example.org/api', 'https://ledger.internal/v3'];

const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const kebab = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const plural = (s) => (/(s|x|ch|sh)$/.test(s) ? `${s}es` : /[^aeiou]y$/.test(s) ? `${s.slice(0, -1)}ies` : `${s}s`);

/** Writers for one service: every method returns [relativePath, text]. */
class ServiceGen {
  constructor(rng, name, lang) {
    this.rng = rng;
    this.name = name;
    this.lang = lang; // ts | cjs | esm
    this.ts = lang === 'ts';
    this.ext = this.ts ? 'ts' : 'js';
  }

  /** import statement in the service's module style. */
  imp(names, from, { type = false, def = null } = {}) {
    if (this.lang === 'cjs') {
      if (def && names.length) return `const ${def} = require('${from}');\nconst { ${names.join(', ')} } = ${def};`;
      if (def) return `const ${def} = require('${from}');`;
      return `const { ${names.join(', ')} } = require('${from}');`;
    }
    const parts = [];
    if (def) parts.push(def);
    if (names.length) parts.push(`{ ${names.join(', ')} }`);
    if (!this.ts) from = from.startsWith('.') ? `${from}.js` : from;
    return `import ${type && this.ts ? 'type ' : ''}${parts.join(', ')} from '${from}';`;
  }

  exportFn(name, params, body, { async = false } = {}) {
    const a = async ? 'async ' : '';
    if (this.lang === 'cjs') return `${a}function ${name}(${params}) {\n${body}\n}`;
    return `export ${a}function ${name}(${params}) {\n${body}\n}`;
  }

  cjsExports(names) {
    return this.lang === 'cjs' ? `\nmodule.exports = { ${names.join(', ')} };\n` : '';
  }

  t(annotation) {
    return this.ts ? annotation : '';
  }

  entityFields(entity) {
    const r = this.rng;
    const count = r.int(4, 9);
    const fields = r.shuffle(FIELDS).slice(0, count);
    return fields;
  }

  model(e) {
    const P = pascal(e.name);
    const f = e.fields;
    if (this.ts) {
      const cols = f.map(([n, ty]) => `  @Column(${ty === 'Date' ? "{ type: 'timestamptz', nullable: true }" : ty === 'number' ? "{ type: 'integer', default: 0 }" : ''})\n  ${n}!: ${ty};\n`).join('\n');
      return [`src/models/${kebab(e.name)}.model.ts`, `import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: '${plural(kebab(e.name)).replace(/-/g, '_')}' })
export class ${P}Entity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

${cols}
  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  toJSON(): Record<string, unknown> {
    const { ${f.slice(0, 2).map(([n]) => n).join(', ')}, ...rest } = this;
    return { ...rest, ${f.slice(0, 2).map(([n]) => n).join(', ')} };
  }

  static fromRow(row: Record<string, unknown>): ${P}Entity {
    const entity = new ${P}Entity();
    Object.assign(entity, row);
    return entity;
  }
}
`];
    }
    const schema = f.map(([n, ty]) => `  ${n}: { type: ${ty === 'Date' ? 'Date' : pascal(ty)}${this.rng.chance(0.3) ? ', required: true' : ''}${ty === 'string' && this.rng.chance(0.3) ? ', trim: true' : ''} },`).join('\n');
    const head = this.lang === 'cjs' ? "const mongoose = require('mongoose');" : "import mongoose from 'mongoose';";
    const tail = this.lang === 'cjs' ? `module.exports = mongoose.model('${P}', ${e.name}Schema);` : `export default mongoose.model('${P}', ${e.name}Schema);`;
    return [`src/models/${kebab(e.name)}.model.js`, `${head}

const ${e.name}Schema = new mongoose.Schema({
${schema}
  ownerId: { type: mongoose.Schema.Types.ObjectId, ref: 'User', index: true },
}, { timestamps: true });

${e.name}Schema.index({ createdAt: -1 });

${e.name}Schema.methods.summary = function summary() {
  return { id: this._id, ${f.slice(0, 3).map(([n]) => `${n}: this.${n}`).join(', ')} };
};

${e.name}Schema.statics.findActive = function findActive(ownerId) {
  return this.find({ ownerId, archived: { $ne: true } }).sort({ createdAt: -1 }).lean();
};

${tail}
`];
  }

  types(e) {
    const P = pascal(e.name);
    const f = e.fields;
    if (!this.ts) {
      return [`src/types/${kebab(e.name)}.types.js`, `/**
 * @typedef {Object} ${P}
 * @property {string} id
${f.map(([n, ty]) => ` * @property {${ty}} ${n}`).join('\n')}
 */

/**
 * @typedef {Object} ${P}Filter
 * @property {number} [limit]
 * @property {number} [offset]
 * @property {string} [ownerId]
 */

${this.lang === 'cjs' ? 'module.exports = {};' : 'export {};'}
`];
    }
    const statuses = this.rng.shuffle(['draft', 'active', 'pending', 'archived', 'failed', 'completed', 'cancelled']).slice(0, this.rng.int(3, 5));
    return [`src/types/${kebab(e.name)}.types.ts`, `export type ${P}Status = ${statuses.map((s) => `'${s}'`).join(' | ')};

export interface ${P} {
  id: string;
${f.map(([n, ty]) => `  ${n}${this.rng.chance(0.3) ? '?' : ''}: ${ty};`).join('\n')}
  createdAt: Date;
  updatedAt: Date;
}

export type Create${P}Input = Omit<${P}, 'id' | 'createdAt' | 'updatedAt'>;
export type Update${P}Input = Partial<Create${P}Input> & { version?: number };

export interface ${P}Filter {
  limit?: number;
  offset?: number;
  ownerId?: string;
  status?: ${P}Status | ${P}Status[];
  search?: string;
}

export interface Paginated<T> {
  data: T[];
  total: number;
  limit: number;
  offset: number;
}

export enum ${P}Event {
  Created = '${e.name}.created',
  Updated = '${e.name}.updated',
  Deleted = '${e.name}.deleted',
}

export const ${e.name.toUpperCase()}_DEFAULT_LIMIT = ${this.rng.pick([20, 25, 50, 100])};
`];
  }

  repository(e) {
    const P = pascal(e.name);
    const table = plural(kebab(e.name)).replace(/-/g, '_');
    const cols = e.fields.map(([n]) => kebab(n).replace(/-/g, '_'));
    const T = (s) => this.t(s);
    const body = `${this.imp(['db'], '../db')}
${this.ts ? this.imp([P, `${P}Filter`, `Create${P}Input`, `Update${P}Input`], `../types/${kebab(e.name)}.types`, { type: true }) : ''}

const COLUMNS = [${['id', ...cols, 'created_at', 'updated_at'].map((c) => `'${c}'`).join(', ')}];

function toRow(input${T(`: Partial<Create${P}Input>`)})${T(': Record<string, unknown>')} {
  const row${T(': Record<string, unknown>')} = {};
${e.fields.map(([n]) => `  if (input.${n} !== undefined) row.${kebab(n).replace(/-/g, '_')} = input.${n};`).join('\n')}
  return row;
}

function fromRow(row${T(': Record<string, any>')})${T(`: ${P}`)} {
  return {
    id: row.id,
${e.fields.map(([n]) => `    ${n}: row.${kebab(n).replace(/-/g, '_')},`).join('\n')}
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }${T(` as ${P}`)};
}

${this.ts ? 'export class' : 'class'} ${P}Repository {
  async findById(id${T(': string')})${T(`: Promise<${P} | null>`)} {
    const row = await db('${table}').select(COLUMNS).where({ id }).first();
    return row ? fromRow(row) : null;
  }

  async list(filter${T(`: ${P}Filter`)} = {})${T(`: Promise<{ rows: ${P}[]; total: number }>`)} {
    const query = db('${table}').select(COLUMNS);
    if (filter.ownerId) query.where('owner_id', filter.ownerId);
    if (filter.search) query.whereILike('${cols[0]}', '%' + filter.search + '%');
    const [{ count }] = await query.clone().clearSelect().count({ count: '*' });
    const rows = await query.orderBy('created_at', 'desc').limit(filter.limit ?? 50).offset(filter.offset ?? 0);
    return { rows: rows.map(fromRow), total: Number(count) };
  }

  async create(input${T(`: Create${P}Input`)})${T(`: Promise<${P}>`)} {
    const [row] = await db('${table}').insert(toRow(input)).returning(COLUMNS);
    return fromRow(row);
  }

  async update(id${T(': string')}, patch${T(`: Update${P}Input`)})${T(`: Promise<${P} | null>`)} {
    const [row] = await db('${table}').where({ id }).update({ ...toRow(patch), updated_at: db.fn.now() }).returning(COLUMNS);
    return row ? fromRow(row) : null;
  }

  async remove(id${T(': string')})${T(': Promise<boolean>')} {
    const count = await db('${table}').where({ id }).del();
    return count > 0;
  }
}
${this.lang === 'cjs' ? `\nmodule.exports = { ${P}Repository };\n` : this.lang === 'esm' ? `\nexport { ${P}Repository };\n` : ''}`;
    return [`src/repositories/${kebab(e.name)}.repository.${this.ext}`, body];
  }

  service(e) {
    const P = pascal(e.name);
    const r = this.rng;
    const T = (s) => this.t(s);
    const usesUpstream = e.upstream;
    // About one service in six keeps a Map cache or writes a stream: `.set(` / `.end(` without being a response.
    const usesCache = r.chance(0.12);
    const lines = [];
    lines.push(this.imp([`${P}Repository`], `../repositories/${kebab(e.name)}.repository`));
    lines.push(this.imp(['NotFoundError', 'ConflictError', 'ValidationError'], '../utils/errors'));
    lines.push(this.imp(['logger'], '../utils/logger'));
    if (usesUpstream) lines.push(this.imp([], 'axios', { def: 'axios' }));
    if (this.ts) lines.push(this.imp([P, `${P}Filter`, `Create${P}Input`, `Update${P}Input`, 'Paginated'], `../types/${kebab(e.name)}.types`, { type: true }));
    lines.push('');
    if (usesCache) lines.push(`const cache = new Map${T(`<string, { value: ${P}; expires: number }>`)}();\nconst TTL_MS = ${r.pick([5000, 30000, 60000])};\n`);
    lines.push(`${this.ts ? 'export class' : 'class'} ${P}Service {`);
    lines.push(`  ${this.ts ? 'constructor(private readonly repo = new ' + P + 'Repository()) {}' : `constructor(repo = new ${P}Repository()) {\n    this.repo = repo;\n  }`}\n`);
    lines.push(`  async list(filter${T(`: ${P}Filter`)} = {})${T(`: Promise<Paginated<${P}>>`)} {
    const limit = Math.min(filter.limit ?? 50, 200);
    const offset = Math.max(filter.offset ?? 0, 0);
    const { rows, total } = await this.repo.list({ ...filter, limit, offset });
    return { data: rows, total, limit, offset };
  }
`);
    lines.push(`  async get(id${T(': string')})${T(`: Promise<${P}>`)} {
${usesCache ? `    const hit = cache.get(id);
    if (hit && hit.expires > Date.now()) return hit.value;
` : ''}    const found = await this.repo.findById(id);
    if (!found) throw new NotFoundError('${P} ' + id + ' not found');
${usesCache ? '    cache.set(id, { value: found, expires: Date.now() + TTL_MS });\n' : ''}    return found;
  }
`);
    lines.push(`  async create(input${T(`: Create${P}Input`)}, actorId${T('?: string')})${T(`: Promise<${P}>`)} {
    if (!input.${e.fields[0][0]}) throw new ValidationError('${e.fields[0][0]} is required');
    try {
      const created = await this.repo.create({ ...input${e.fields.some(([n]) => n === 'ownerId') ? ', ownerId: input.ownerId ?? actorId' : ''} });
      logger.info({ id: created.id, actorId }, '${e.name} created');
      return created;
    } catch (err${T(': any')}) {
      if (err && err.code === '23505') throw new ConflictError('${P} already exists');
      throw err;
    }
  }
`);
    lines.push(`  async update(id${T(': string')}, patch${T(`: Update${P}Input`)})${T(`: Promise<${P}>`)} {
    const updated = await this.repo.update(id, patch);
    if (!updated) throw new NotFoundError('${P} ' + id + ' not found');
${usesCache ? '    cache.delete(id);\n' : ''}    return updated;
  }

  async remove(id${T(': string')})${T(': Promise<void>')} {
    const removed = await this.repo.remove(id);
    if (!removed) throw new NotFoundError('${P} ' + id + ' not found');
  }
`);
    if (usesUpstream) {
      const base = r.pick(UPSTREAMS);
      lines.push(`  async sync(id${T(': string')})${T(': Promise<{ synced: boolean; remoteId?: string }>')} {
    const item = await this.get(id);
    const { data } = await axios.post('${base}/${plural(kebab(e.name))}', item, {
      timeout: ${r.pick([2000, 5000, 10000])},
      headers: { Authorization: 'Bearer ' + process.env.PARTNER_TOKEN },
    });
    logger.debug({ id, remoteId: data.id }, 'synced ${e.name}');
    return { synced: true, remoteId: data.id };
  }
`);
    }
    for (let i = 0; i < r.int(0, 3); i++) {
      const verb = r.pick(['archive', 'restore', 'duplicate', 'recalculate', 'approve', 'reject', 'publish']);
      lines.push(`  async ${verb}${i || ''}(id${T(': string')}, reason${T('?: string')})${T(`: Promise<${P}>`)} {
    const current = await this.get(id);
    if ((current${T(' as any')}).archived && '${verb}' !== 'restore') {
      throw new ConflictError('${P} is archived');
    }
    const next = await this.repo.update(id, { ${e.fields[0][0]}: current.${e.fields[0][0]} }${T(' as any')});
    logger.info({ id, reason }, '${e.name} ${verb}');
    return next ?? current;
  }
`);
    }
    lines.push('}');
    lines.push(this.lang === 'cjs' ? `\nmodule.exports = { ${P}Service };` : this.lang === 'esm' ? `\nexport { ${P}Service };` : '');
    return [`src/services/${kebab(e.name)}.service.${this.ext}`, `${lines.join('\n')}\n`];
  }

  validator(e) {
    const P = pascal(e.name);
    const T = (s) => this.t(s);
    const zodFields = e.fields.map(([n, ty]) => `  ${n}: z.${ty === 'Date' ? 'coerce.date()' : ty}()${ty === 'string' ? `.min(1).max(${this.rng.pick([64, 128, 255, 2000])})` : ty === 'number' ? '.int().nonnegative()' : ''}${this.rng.chance(0.4) ? '.optional()' : ''},`).join('\n');
    return [`src/validators/${kebab(e.name)}.validator.${this.ext}`, `${this.imp(['z'], 'zod')}

${this.lang === 'cjs' ? '' : 'export '}const create${P}Schema = z.object({
${zodFields}
});

${this.lang === 'cjs' ? '' : 'export '}const update${P}Schema = create${P}Schema.partial();

${this.lang === 'cjs' ? '' : 'export '}function validate${P}(input${T(': unknown')})${T(': string[]')} {
  const result = create${P}Schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => issue.path.join('.') + ': ' + issue.message);
}
${this.cjsExports([`create${P}Schema`, `update${P}Schema`, `validate${P}`])}`];
  }

  /** The catch block of a handler: good code or one of the anti-patterns. */
  catchBlock(e, errName, indent, { upstream = false } = {}) {
    const r = this.rng;
    const P = pascal(e.name);
    const pad = ' '.repeat(indent);
    const kind = r.weighted([
      [30, 'next'], [10, 'generic-500'], [10, 'leak-message'], [5, 'leak-object'], [4, 'leak-stack'], [6, 'send-status'],
      [8, 'typed'], [upstream ? 10 : 0, 'leak-upstream'], [5, 'log-next'],
    ]);
    const errExpr = this.ts ? `(${errName} as Error)` : errName;
    switch (kind) {
      case 'next':
        return `${pad}next(${errName});`;
      case 'log-next':
        return `${pad}logger.error({ err: ${errName} }, 'failed to handle ${e.name} request');\n${pad}next(${errName});`;
      case 'generic-500':
        return `${pad}logger.error({ err: ${errName} }, '${e.name} handler failed');\n${pad}res.status(500).json({ error: 'Internal server error' });`;
      case 'leak-message':
        return `${pad}res.status(500).json({ error: ${errExpr}.message });`;
      case 'leak-object':
        return `${pad}res.status(500).send(${errName});`;
      case 'leak-stack':
        return `${pad}res.status(500).json({ message: 'Something went wrong', stack: ${errExpr}.stack });`;
      case 'send-status':
        return `${pad}return res.sendStatus(500);`;
      case 'typed':
        return `${pad}if (${errName} instanceof NotFoundError) {\n${pad}  return res.status(404).json({ error: '${P} not found' });\n${pad}}\n${pad}next(${errName});`;
      case 'leak-upstream':
        return `${pad}res.status(502).json({ error: 'Upstream request failed', details: ${this.ts ? `(${errName} as any)` : errName}.response?.data });`;
    }
    throw new Error(kind);
  }

  validationBranch(e, indent) {
    const r = this.rng;
    const P = pascal(e.name);
    const pad = ' '.repeat(indent);
    const kind = r.weighted([[60, 'good'], [15, 'as-500'], [15, 'in-2xx'], [10, 'throw']]);
    const head = `${pad}const problems = validate${P}(req.body);\n${pad}if (problems.length) {\n`;
    switch (kind) {
      case 'good':
        return `${head}${pad}  return res.status(400).json({ error: 'Invalid ${e.name}', details: problems });\n${pad}}`;
      case 'as-500':
        return `${head}${pad}  return res.status(500).json({ error: 'Invalid ${e.name} payload' });\n${pad}}`;
      case 'in-2xx':
        return `${head}${pad}  return res.json({ success: false, error: 'Validation failed', problems });\n${pad}}`;
      default:
        return `${head}${pad}  throw new ValidationError(problems.join('; '));\n${pad}}`;
    }
  }

  authBranch(e, indent) {
    const pad = ' '.repeat(indent);
    const kind = this.rng.weighted([[70, 403], [30, 401]]);
    return `${pad}if (existing.ownerId && req.user && existing.ownerId !== req.user.id && !req.user.roles.includes('admin')) {\n${pad}  return res.status(${kind}).json({ error: 'You are not allowed to change this ${e.name}' });\n${pad}}`;
  }

  controller(e) {
    const P = pascal(e.name);
    const Ps = pascal(plural(e.name));
    const r = this.rng;
    const T = (s) => this.t(s);
    const sig = `req${T(': Request')}, res${T(': Response')}, next${T(': NextFunction')}`;
    const style = this.lang === 'cjs' ? r.pick(['exports', 'object', 'callbacks']) : r.pick(['functions', 'class']);
    const imports = [];
    if (this.ts) imports.push(this.imp(['Request', 'Response', 'NextFunction'], 'express', { type: true }));
    imports.push(this.imp([`${P}Service`], `../services/${kebab(e.name)}.service`));
    imports.push(this.imp([`validate${P}`], `../validators/${kebab(e.name)}.validator`));
    imports.push(this.imp(['NotFoundError', 'ValidationError'], '../utils/errors'));
    imports.push(this.imp(['logger'], '../utils/logger'));
    imports.push(this.imp(['parsePagination'], '../utils/pagination'));
    if (e.upstream) imports.push(this.imp([], 'axios', { def: 'axios' }));
    const handlers = [
      ['list', `    const { limit, offset } = parsePagination(req.query);
    const page = await service.list({ limit, offset, ownerId: req.user?.id, search: ${this.ts ? 'req.query.q as string | undefined' : 'req.query.q'} });
    res.json(page);`],
      ['get', `    const item = await service.get(req.params.id);
    res.json(item);`],
      ['create', `${this.validationBranch(e, 4)}
    const created = await service.create(req.body, req.user?.id);
    res.status(201).location('/${plural(kebab(e.name))}/' + created.id).json(created);`],
      ['update', `    const existing = await service.get(req.params.id);
${this.authBranch(e, 4)}
    const updated = await service.update(req.params.id, req.body);
    res.json(updated);`],
      ['remove', `    await service.remove(req.params.id);
    res.status(204).end();`],
    ];
    for (let i = 0; i < r.int(0, 3); i++) {
      const verb = r.pick(['archive', 'restore', 'approve', 'publish', 'exportCsv', 'stats']);
      handlers.push([`${verb}${i || ''}`, verb === 'exportCsv'
        ? `    const page = await service.list({ limit: 1000, offset: 0 });
    res.setHeader('Content-Type', 'text/csv');
    res.attachment('${plural(kebab(e.name))}.csv');
    res.send(page.data.map((row${T(': any')}) => Object.values(row).join(',')).join('\\n'));`
        : verb === 'stats'
          ? `    const page = await service.list({ limit: 1, offset: 0 });
    res.json({ total: page.total, generatedAt: new Date().toISOString() });`
          : `    const item = await service.get(req.params.id);
    res.json({ id: item.id, action: '${verb}', ok: true });`]);
    }

    if (e.upstream) {
      // Calls the partner API directly: the downstream error is at hand in the catch block.
      handlers.push(['lookup', `    const { data } = await axios.get('${r.pick(UPSTREAMS)}/${plural(kebab(e.name))}/' + encodeURIComponent(req.params.id), {
      timeout: 5000,
    });
    res.json({ id: req.params.id, remote: data });`, true]);
    }

    const wrap = (name, body, errName, indent, upstream = false) => {
      const pad = ' '.repeat(indent);
      const inner = body.split('\n').map((l) => pad.slice(4) + l).join('\n');
      return `${pad.slice(2)}try {\n${inner}\n${pad.slice(2)}} catch (${errName}) {\n${this.catchBlock(e, errName, indent, { upstream })}\n${pad.slice(2)}}`;
    };

    let body;
    if (style === 'class') {
      const methods = handlers.map(([name, b, up]) => `  ${name} = async (${sig})${T(': Promise<void | Response>')} => {\n${wrap(name, b, r.pick(['err', 'error', 'e']), 6, up)}\n  };`).join('\n\n');
      body = `const service = new ${P}Service();

export class ${P}Controller {
${methods}
}

export const ${e.name}Controller = new ${P}Controller();
`;
    } else if (style === 'functions') {
      body = `const service = new ${P}Service();

${handlers.map(([name, b, up]) => `export async function ${name}${name === 'list' ? Ps : P}(${sig}) {\n${wrap(name, b, r.pick(['err', 'error', 'e']), 4, up)}\n}`).join('\n\n')}
`;
    } else if (style === 'exports') {
      body = `const service = new ${P}Service();

${handlers.map(([name, b, up]) => `exports.${name} = async (${sig}) => {\n${wrap(name, b, r.pick(['err', 'error']), 4, up)}\n};`).join('\n\n')}
`;
    } else if (style === 'object') {
      body = `const service = new ${P}Service();

const ${e.name}Controller = {
${handlers.map(([name, b, up]) => `  async ${name}(${sig}) {\n${wrap(name, b, r.pick(['err', 'error']), 6, up)}\n  },`).join('\n\n')}
};

module.exports = ${e.name}Controller;
`;
    } else {
      // Legacy callback style with promise chains.
      body = `const service = new ${P}Service();

exports.list = function (req, res, next) {
  const { limit, offset } = parsePagination(req.query);
  service
    .list({ limit, offset })
    .then(function (page) {
      res.json(page);
    })
    .catch(function (err) {
${this.catchBlock(e, 'err', 6)}
    });
};

exports.get = function (req, res, next) {
  service.get(req.params.id).then(
    (item) => res.json(item),
    (err) => {
${this.catchBlock(e, 'err', 6)}
    },
  );
};

exports.create = function (req, res, next) {
${this.validationBranch(e, 2)}
  service
    .create(req.body, req.user && req.user.id)
    .then((created) => res.status(201).json(created))
    .catch((err) => {
${this.catchBlock(e, 'err', 6)}
    });
};

exports.remove = function (req, res, next) {
  service.remove(req.params.id).then(() => res.status(204).end(), next);
};
`;
    }
    return [`src/controllers/${kebab(e.name)}.controller.${this.ext}`, `${imports.join('\n')}\n\n${body}`];
  }

  routes(e) {
    const P = pascal(e.name);
    const r = this.rng;
    const base = `/${plural(kebab(e.name))}`;
    const T = (s) => this.t(s);
    const inline = r.chance(0.3);
    const lines = [];
    if (this.lang === 'cjs') lines.push("const express = require('express');");
    else lines.push(this.imp(this.ts ? ['Router', 'Request', 'Response', 'NextFunction'] : ['Router'], 'express'));
    lines.push(this.imp(['requireAuth'], '../middleware/auth'));
    lines.push(this.imp(['validateBody'], '../middleware/validate'));
    lines.push(this.imp([`create${P}Schema`, `update${P}Schema`], `../validators/${kebab(e.name)}.validator`));
    if (inline) {
      lines.push(this.imp([`${P}Service`], `../services/${kebab(e.name)}.service`));
      lines.push(this.imp(['NotFoundError'], '../utils/errors'));
      lines.push(this.imp(['logger'], '../utils/logger'));
    } else {
      lines.push(this.lang === 'cjs' ? `const ctrl = require('../controllers/${kebab(e.name)}.controller');` : this.imp([], `../controllers/${kebab(e.name)}.controller`, { def: '* as ctrl' }));
    }
    lines.push('');
    lines.push(`const router = ${this.lang === 'cjs' ? 'express.Router()' : 'Router()'};`);
    if (inline) {
      lines.push(`const service = new ${P}Service();\n`);
      const sig = `req${T(': Request')}, res${T(': Response')}, next${T(': NextFunction')}`;
      const route = (method, p, mw, body) => {
        const errName = r.pick(['err', 'error']);
        return `router.${method}('${base}${p}', ${mw}async (${sig}) => {\n  try {\n${body}\n  } catch (${errName}) {\n${this.catchBlock(e, errName, 4)}\n  }\n});\n`;
      };
      lines.push(route('get', '', 'requireAuth, ', `    const items = await service.list({ ownerId: req.user?.id });\n    res.json(items);`));
      lines.push(route('get', '/:id', 'requireAuth, ', `    const item = await service.get(req.params.id);\n    if (!item) {\n      return res.status(404).json({ error: '${P} not found' });\n    }\n    res.json(item);`));
      lines.push(route('post', '', `requireAuth, validateBody(create${P}Schema), `, `    const created = await service.create(req.body, req.user?.id);\n    res.status(201).json(created);`));
      lines.push(route('delete', '/:id', 'requireAuth, ', `    await service.remove(req.params.id);\n    res.sendStatus(204);`));
    } else {
      const fn = (name) => (this.lang === 'cjs' ? `ctrl.${name}` : `ctrl.${name}${name === 'list' ? pascal(plural(e.name)) : P}`);
      lines.push(`router.get('${base}', requireAuth, ${fn('list')});`);
      lines.push(`router.get('${base}/:id', requireAuth, ${fn('get')});`);
      lines.push(`router.post('${base}', requireAuth, validateBody(create${P}Schema), ${fn('create')});`);
      lines.push(`router.patch('${base}/:id', requireAuth, validateBody(update${P}Schema), ${fn('update')});`);
      lines.push(`router.delete('${base}/:id', requireAuth, ${fn('remove')});`);
    }
    lines.push(this.lang === 'cjs' ? '\nmodule.exports = router;' : '\nexport default router;');
    return { file: [`src/routes/${kebab(e.name)}.routes.${this.ext}`, `${lines.join('\n')}\n`], inline };
  }

  unitTest(e) {
    const P = pascal(e.name);
    const f0 = e.fields[0][0];
    return [`test/${kebab(e.name)}.service.test.${this.ext}`, `${this.imp([`${P}Service`], `../src/services/${kebab(e.name)}.service`)}
${this.imp(['NotFoundError'], '../src/utils/errors')}

describe('${P}Service', () => {
  const repo = {
    findById: jest.fn(),
    list: jest.fn(),
    create: jest.fn(),
    update: jest.fn(),
    remove: jest.fn(),
  };
  const service = new ${P}Service(repo${this.ts ? ' as any' : ''});

  beforeEach(() => {
    jest.resetAllMocks();
  });

  it('returns a page of ${plural(e.name)}', async () => {
    repo.list.mockResolvedValue({ rows: [{ id: '1' }], total: 1 });
    const page = await service.list({ limit: 10 });
    expect(page).toEqual({ data: [{ id: '1' }], total: 1, limit: 10, offset: 0 });
  });

  it('throws NotFoundError for an unknown id', async () => {
    repo.findById.mockResolvedValue(null);
    await expect(service.get('missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('requires ${f0}', async () => {
    await expect(service.create({}${this.ts ? ' as any' : ''})).rejects.toThrow('${f0} is required');
  });

  it('removes an existing ${e.name}', async () => {
    repo.remove.mockResolvedValue(true);
    await expect(service.remove('1')).resolves.toBeUndefined();
    expect(repo.remove).toHaveBeenCalledWith('1');
  });
});
`];
  }

  httpTest(e) {
    const P = pascal(e.name);
    const base = `/${plural(kebab(e.name))}`;
    return [`test/${kebab(e.name)}.routes.test.${this.ext}`, `${this.imp([], 'supertest', { def: 'request' })}
${this.imp(['createApp'], '../src/app')}

describe('${base}', () => {
  const app = createApp();

  it('creates a ${e.name}', async () => {
    const res = await request(app)
      .post('${base}')
      .set('Authorization', 'Bearer test-token')
      .send({ ${e.fields.map(([n, ty]) => `${n}: ${ty === 'string' ? `'${n}-value'` : ty === 'number' ? '1' : ty === 'boolean' ? 'true' : 'new Date(0)'}`).join(', ')} });
    expect(res.status).toBe(201);
  });

  it('rejects an invalid payload', async () => {
    const res = await request(app).post('${base}').set('Authorization', 'Bearer test-token').send({});
    expect(res.status).toBe(400);
  });

  it('returns 404 for an unknown ${e.name}', async () => {
    await request(app).get('${base}/does-not-exist').set('Authorization', 'Bearer test-token').expect(404);
  });
});
`];
  }

  /** Shared files of the service: app, server, config, db, middleware, utils, jobs. */
  shared(entities) {
    const T = (s) => this.t(s);
    const out = [];
    const ext = this.ext;
    const cjs = this.lang === 'cjs';
    const exp = cjs ? '' : 'export ';
    const routeImports = entities.map((e) => (cjs ? `const ${e.name}Routes = require('./routes/${kebab(e.name)}.routes');` : `import ${e.name}Routes from './routes/${kebab(e.name)}.routes${this.ts ? '' : '.js'}';`));
    out.push([`src/app.${ext}`, `${cjs ? "const express = require('express');" : "import express from 'express';"}
${this.imp(['errorHandler'], './middleware/error-handler')}
${this.imp(['notFound'], './middleware/not-found')}
${this.imp(['requestId'], './middleware/request-id')}
${routeImports.join('\n')}

${exp}function createApp() {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use(requestId);
  app.get('/healthz', (req${T(': express.Request')}, res${T(': express.Response')}) => {
    res.json({ status: 'ok', service: '${this.name}' });
  });
${entities.map((e) => `  app.use(${e.name}Routes);`).join('\n')}
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
${cjs ? '\nmodule.exports = { createApp };\n' : ''}`]);
    out.push([`src/server.${ext}`, `${this.imp(['createApp'], './app')}
${this.imp(['config'], './config')}
${this.imp(['logger'], './utils/logger')}

const app = createApp();
const server = app.listen(config.port, () => {
  logger.info({ port: config.port }, '${this.name} listening');
});

function shutdown(signal${T(': string')}) {
  logger.info({ signal }, 'shutting down');
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 10000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
`]);
    out.push([`src/config.${ext}`, `function required(name${T(': string')})${T(': string')} {
  const value = process.env[name];
  if (!value) throw new Error('Missing environment variable ' + name);
  return value;
}

${exp}const config = {
  port: Number(process.env.PORT ?? 3000),
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://localhost/${this.name}',
  jwtSecret: process.env.JWT_SECRET ?? 'dev-secret',
  env: process.env.NODE_ENV ?? 'development',
  partnerToken: () => required('PARTNER_TOKEN'),
}${T(' as const')};
${cjs ? '\nmodule.exports = { config };\n' : ''}`]);
    out.push([`src/db/index.${ext}`, `${cjs ? "const knex = require('knex');" : "import knex from 'knex';"}
${this.imp(['config'], '../config')}

${exp}const db = knex({
  client: 'pg',
  connection: config.databaseUrl,
  pool: { min: 2, max: 10 },
});

${exp}async function withTransaction${T('<T>')}(fn${T(': (trx: any) => Promise<T>')})${T(': Promise<T>')} {
  return db.transaction(async (trx${T(': any')}) => fn(trx));
}
${cjs ? '\nmodule.exports = { db, withTransaction };\n' : ''}`]);
    // Middleware: response sites, some with the anti-patterns.
    const authStatus = this.rng.chance(0.4) ? 403 : 401;
    out.push([`src/middleware/auth.${ext}`, `${cjs ? "const jwt = require('jsonwebtoken');" : "import jwt from 'jsonwebtoken';"}
${this.ts ? this.imp(['Request', 'Response', 'NextFunction'], 'express', { type: true }) : ''}
${this.imp(['config'], '../config')}

${exp}function requireAuth(req${T(': Request')}, res${T(': Response')}, next${T(': NextFunction')}) {
  const header = req.headers.authorization || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  if (!token) {
    return res.status(${authStatus}).json({ error: 'Authentication required' });
  }
  try {
    (req${T(' as any')}).user = jwt.verify(token, config.jwtSecret);
    next();
  } catch (err) {
    ${this.rng.chance(0.4) ? `return res.status(401).json({ error: 'Invalid token', reason: ${this.ts ? '(err as Error)' : 'err'}.message });` : "return res.status(401).json({ error: 'Invalid token' });"}
  }
}

${exp}function requireRole(role${T(': string')}) {
  return (req${T(': Request')}, res${T(': Response')}, next${T(': NextFunction')}) => {
    const user = (req${T(' as any')}).user;
    if (!user || !user.roles.includes(role)) {
      return res.status(${this.rng.chance(0.3) ? 401 : 403}).json({ error: 'Insufficient permissions' });
    }
    next();
  };
}
${cjs ? '\nmodule.exports = { requireAuth, requireRole };\n' : ''}`]);
    const leakInHandler = this.rng.chance(0.45);
    out.push([`src/middleware/error-handler.${ext}`, `${this.ts ? this.imp(['Request', 'Response', 'NextFunction'], 'express', { type: true }) : ''}
${this.imp(['logger'], '../utils/logger')}

${exp}function errorHandler(err${T(': any')}, req${T(': Request')}, res${T(': Response')}, next${T(': NextFunction')}) {
  if (res.headersSent) return next(err);
  const status = typeof err.status === 'number' ? err.status : 500;
  logger.error({ err, path: req.path }, 'request failed');
  ${leakInHandler
    ? "res.status(status).json({ error: err.message, stack: process.env.NODE_ENV === 'production' ? undefined : err.stack });"
    : "res.status(status).json({ error: status < 500 ? err.message : 'Internal server error' });"}
}
${cjs ? '\nmodule.exports = { errorHandler };\n' : ''}`]);
    out.push([`src/middleware/not-found.${ext}`, `${this.ts ? this.imp(['Request', 'Response'], 'express', { type: true }) : ''}

${exp}function notFound(req${T(': Request')}, res${T(': Response')}) {
  res.status(404).json({ error: 'Not found', path: req.originalUrl });
}
${cjs ? '\nmodule.exports = { notFound };\n' : ''}`]);
    out.push([`src/middleware/validate.${ext}`, `${this.ts ? this.imp(['Request', 'Response', 'NextFunction'], 'express', { type: true }) : ''}

${exp}function validateBody(schema${T(': { safeParse(input: unknown): any }')}) {
  return (req${T(': Request')}, res${T(': Response')}, next${T(': NextFunction')}) => {
    const result = schema.safeParse(req.body);
    if (!result.success) {
      return res.status(${this.rng.chance(0.2) ? 500 : 400}).json({ error: 'Invalid request body', issues: result.error.issues });
    }
    req.body = result.data;
    next();
  };
}
${cjs ? '\nmodule.exports = { validateBody };\n' : ''}`]);
    out.push([`src/middleware/request-id.${ext}`, `${cjs ? "const { randomUUID } = require('node:crypto');" : "import { randomUUID } from 'node:crypto';"}
${this.ts ? this.imp(['Request', 'Response', 'NextFunction'], 'express', { type: true }) : ''}

const SAFE = /^[A-Za-z0-9._-]{1,128}$/;

${exp}function requestId(req${T(': Request')}, res${T(': Response')}, next${T(': NextFunction')}) {
  const incoming = req.get('x-request-id');
  const id = incoming && SAFE.test(incoming) ? incoming : randomUUID();
  (req${T(' as any')}).id = id;
  res.setHeader('X-Request-Id', id);
  next();
}
${cjs ? '\nmodule.exports = { requestId };\n' : ''}`]);
    // Utils: no response calls; a couple touch streams or maps.
    out.push([`src/utils/errors.${ext}`, `${exp}class HttpError extends Error {
  ${this.ts ? 'constructor(public status: number, message: string, public code = \'error\') {\n    super(message);\n  }' : 'constructor(status, message, code = \'error\') {\n    super(message);\n    this.status = status;\n    this.code = code;\n  }'}
}

${exp}class NotFoundError extends HttpError {
  constructor(message = 'Not found') {
    super(404, message, 'not_found');
  }
}

${exp}class ConflictError extends HttpError {
  constructor(message = 'Conflict') {
    super(409, message, 'conflict');
  }
}

${exp}class ValidationError extends HttpError {
  constructor(message = 'Invalid input') {
    super(400, message, 'invalid');
  }
}
${cjs ? '\nmodule.exports = { HttpError, NotFoundError, ConflictError, ValidationError };\n' : ''}`]);
    out.push([`src/utils/logger.${ext}`, `${cjs ? "const pino = require('pino');" : "import pino from 'pino';"}

${exp}const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: ['req.headers.authorization', 'password', 'token'],
  base: { service: '${this.name}' },
});
${cjs ? '\nmodule.exports = { logger };\n' : ''}`]);
    out.push([`src/utils/pagination.${ext}`, `${exp}function parsePagination(query${T(': Record<string, unknown>')})${T(': { limit: number; offset: number }')} {
  const limit = Math.min(Math.max(Number(query.limit) || 20, 1), 200);
  const offset = Math.max(Number(query.offset) || 0, 0);
  return { limit, offset };
}

${exp}function pageLinks(base${T(': string')}, total${T(': number')}, limit${T(': number')}, offset${T(': number')})${T(': Record<string, string>')} {
  const links${T(': Record<string, string>')} = {};
  if (offset + limit < total) links.next = base + '?limit=' + limit + '&offset=' + (offset + limit);
  if (offset > 0) links.prev = base + '?limit=' + limit + '&offset=' + Math.max(offset - limit, 0);
  return links;
}
${cjs ? '\nmodule.exports = { parsePagination, pageLinks };\n' : ''}`]);
    const utilNames = ['dates', 'strings', 'money', 'retry', 'ids', 'crypto', 'csv', 'feature-flags', 'metrics', 'queue'];
    for (const u of utilNames) out.push(this.util(u));
    for (let i = 0; i < this.rng.int(3, 6); i++) out.push(this.job(entities[i % entities.length], i));
    return out;
  }

  util(u) {
    const T = (s) => this.t(s);
    const exp = this.lang === 'cjs' ? '' : 'export ';
    const cjs = this.lang === 'cjs';
    const bodies = {
      dates: [`${exp}function startOfDay(d${T(': Date')})${T(': Date')} {
  const copy = new Date(d.getTime());
  copy.setUTCHours(0, 0, 0, 0);
  return copy;
}

${exp}function addDays(d${T(': Date')}, days${T(': number')})${T(': Date')} {
  return new Date(d.getTime() + days * 86400000);
}

${exp}function isExpired(at${T(': Date | string | null | undefined')}, now = new Date())${T(': boolean')} {
  if (!at) return false;
  return new Date(at).getTime() <= now.getTime();
}`, ['startOfDay', 'addDays', 'isExpired']],
      strings: [`${exp}function slugify(input${T(': string')})${T(': string')} {
  return input.normalize('NFKD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, '');
}

${exp}function truncate(input${T(': string')}, max = 80)${T(': string')} {
  return input.length <= max ? input : input.slice(0, max - 1) + '\\u2026';
}

${exp}function maskEmail(email${T(': string')})${T(': string')} {
  const [user, domain] = email.split('@');
  return (user ?? '').slice(0, 2) + '***@' + (domain ?? '');
}`, ['slugify', 'truncate', 'maskEmail']],
      money: [`${exp}function formatCents(cents${T(': number')}, currency = 'EUR', locale = 'en-GB')${T(': string')} {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

${exp}function sumCents(values${T(': number[]')})${T(': number')} {
  return values.reduce((total, v) => total + Math.round(v), 0);
}

${exp}function applyDiscount(cents${T(': number')}, percent${T(': number')})${T(': number')} {
  if (percent < 0 || percent > 100) throw new RangeError('percent out of range');
  return Math.round(cents * (1 - percent / 100));
}`, ['formatCents', 'sumCents', 'applyDiscount']],
      retry: [`${exp}async function retry${T('<T>')}(fn${T(': () => Promise<T>')}, attempts = 3, delayMs = 200)${T(': Promise<T>')} {
  let lastError${T(': unknown')};
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** i));
    }
  }
  throw lastError;
}`, ['retry']],
      ids: [`${cjs ? "const { randomBytes } = require('node:crypto');" : "import { randomBytes } from 'node:crypto';"}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

${exp}function shortId(length = 12)${T(': string')} {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
  return out;
}

${exp}function prefixed(prefix${T(': string')})${T(': string')} {
  return prefix + '_' + shortId();
}`, ['shortId', 'prefixed']],
      crypto: [`${cjs ? "const crypto = require('node:crypto');" : "import crypto from 'node:crypto';"}

${exp}function hmac(secret${T(': string')}, payload${T(': string')})${T(': string')} {
  return crypto.createHmac('sha256', secret).update(payload).digest('hex');
}

${exp}function safeEqual(a${T(': string')}, b${T(': string')})${T(': boolean')} {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}`, ['hmac', 'safeEqual']],
      csv: [`${cjs ? "const fs = require('node:fs');" : "import fs from 'node:fs';"}

${exp}function toCsvLine(values${T(': unknown[]')})${T(': string')} {
  return values.map((v) => '"' + String(v ?? '').replace(/"/g, '""') + '"').join(',');
}

${exp}function writeCsv(file${T(': string')}, rows${T(': unknown[][]')})${T(': Promise<void>')} {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file);
    out.on('error', reject);
    for (const row of rows) out.write(toCsvLine(row) + '\\n');
    out.end(resolve);
  });
}`, ['toCsvLine', 'writeCsv']],
      'feature-flags': [`const flags = new Map${T('<string, boolean>')}();

${exp}function setFlag(name${T(': string')}, on${T(': boolean')})${T(': void')} {
  flags.set(name, on);
}

${exp}function isEnabled(name${T(': string')}, fallback = false)${T(': boolean')} {
  return flags.has(name) ? Boolean(flags.get(name)) : fallback;
}`, ['setFlag', 'isEnabled']],
      metrics: [`const counters${T(': Record<string, number>')} = {};

${exp}function increment(name${T(': string')}, by = 1)${T(': void')} {
  counters[name] = (counters[name] ?? 0) + by;
}

${exp}function snapshot()${T(': Record<string, number>')} {
  return { ...counters };
}

${exp}function timed${T('<T>')}(name${T(': string')}, fn${T(': () => Promise<T>')})${T(': Promise<T>')} {
  const started = Date.now();
  return fn().finally(() => increment(name + '.ms', Date.now() - started));
}`, ['increment', 'snapshot', 'timed']],
      queue: [`${exp}class BoundedQueue${T('<T>')} {
  ${this.ts ? 'private items: T[] = [];\n\n  constructor(private readonly capacity = 1000) {}' : 'constructor(capacity = 1000) {\n    this.items = [];\n    this.capacity = capacity;\n  }'}

  push(item${T(': T')})${T(': boolean')} {
    if (this.items.length >= this.capacity) return false;
    this.items.push(item);
    return true;
  }

  drain(max = 100)${T(': T[]')} {
    return this.items.splice(0, max);
  }

  get size()${T(': number')} {
    return this.items.length;
  }
}`, ['BoundedQueue']],
    };
    const [body, names] = bodies[u];
    return [`src/utils/${u}.${this.ext}`, `${body}\n${this.cjsExports(names)}`];
  }

  job(e, i) {
    const P = pascal(e.name);
    const T = (s) => this.t(s);
    const name = `${this.rng.pick(['cleanup', 'reindex', 'sync', 'digest', 'expire', 'reconcile'])}-${kebab(e.name)}${i}`;
    const exp = this.lang === 'cjs' ? '' : 'export ';
    return [`src/jobs/${name}.${this.ext}`, `${this.imp([`${P}Service`], `../services/${kebab(e.name)}.service`)}
${this.imp(['logger'], '../utils/logger')}
${this.imp(['retry'], '../utils/retry')}

const BATCH = ${this.rng.pick([50, 100, 250])};

${exp}async function run${pascal(name.replace(/-(.)/g, (_, c) => c.toUpperCase()))}(service = new ${P}Service())${T(': Promise<number>')} {
  let offset = 0;
  let processed = 0;
  for (;;) {
    const page = await retry(() => service.list({ limit: BATCH, offset }));
    if (!page.data.length) break;
    for (const item of page.data) {
      try {
        await service.update(item.id, {}${T(' as any')});
        processed++;
      } catch (err) {
        logger.warn({ err, id: item.id }, 'job ${name} skipped an item');
      }
    }
    offset += page.data.length;
  }
  logger.info({ processed }, 'job ${name} done');
  return processed;
}
${this.lang === 'cjs' ? `\nmodule.exports = { run${pascal(name.replace(/-(.)/g, (_, c) => c.toUpperCase()))} };\n` : ''}`];
  }
}

/**
 * Writes the tree under `dir` (replacing it) and returns what it holds. `files` is the target file count; the
 * generator adds entities to services until it is reached.
 */
function generateTree(dir, { files = 3200, seed = 20240607 } = {}) {
  const rng = new Rng(seed);
  fs.rmSync(dir, { recursive: true, force: true });
  const outputs = [];
  const gens = SERVICES.map(([name, lang]) => new ServiceGen(rng, name, lang));
  const entitiesBy = new Map(gens.map((g) => [g, []]));
  const used = new Set();
  const perEntity = 8.3; // files per entity, on average
  const sharedPerService = 25;
  const target = Math.max(1, Math.round((files - gens.length * sharedPerService) / perEntity / gens.length));
  for (const g of gens) {
    for (let i = 0; i < target; i++) {
      let name;
      do {
        const q = rng.pick(QUALIFIERS);
        name = rng.pick(NOUNS) + (q ? pascal(q) : '');
      } while (used.has(`${g.name}/${name}`));
      used.add(`${g.name}/${name}`);
      const e = { name, fields: [], upstream: rng.chance(0.25) };
      e.fields = g.entityFields(e);
      entitiesBy.get(g).push(e);
    }
  }
  let responseFiles = 0;
  for (const g of gens) {
    const entities = entitiesBy.get(g);
    const shared = g.shared(entities);
    outputs.push(...shared.map((f) => [`services/${g.name}/${f[0]}`, f[1]]));
    for (const e of entities) {
      const routes = g.routes(e);
      const group = [g.model(e), g.types(e), g.repository(e), g.service(e), g.validator(e), g.controller(e), routes.file, g.unitTest(e)];
      if (routes.inline) responseFiles++;
      responseFiles++; // controller
      if (rng.chance(0.15)) {
        group.push(g.httpTest(e));
        responseFiles++;
      }
      outputs.push(...group.map((f) => [`services/${g.name}/${f[0]}`, f[1]]));
    }
    responseFiles += 6; // app (health route), auth, error-handler, not-found, validate, request-id
  }
  let bytes = 0;
  const dirs = new Set();
  for (const [rel, text] of outputs) {
    const abs = path.join(dir, rel);
    const d = path.dirname(abs);
    if (!dirs.has(d)) {
      fs.mkdirSync(d, { recursive: true });
      dirs.add(d);
    }
    fs.writeFileSync(abs, text);
    bytes += Buffer.byteLength(text);
  }
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'bench-monorepo', private: true, workspaces: ['services/*'] }, null, 2)}\n`);
  return { files: outputs.length, bytes, responseFiles };
}

/** Generates the tree unless one with the same version, seed and size is already there. */
function ensureTree(dir, options = {}) {
  const stampFile = path.join(dir, '.bench-stamp.json');
  const wanted = { version: GENERATOR_VERSION, files: options.files ?? 3200, seed: options.seed ?? 20240607 };
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    if (stamp.version === wanted.version && stamp.files === wanted.files && stamp.seed === wanted.seed) return { ...stamp.stats, reused: true };
  } catch {
    // no tree yet
  }
  const stats = generateTree(dir, wanted);
  fs.writeFileSync(stampFile, `${JSON.stringify({ ...wanted, stats }, null, 2)}\n`);
  return { ...stats, reused: false };
}

module.exports = { ensureTree, generateTree };

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '.tree'));
  console.log(generateTree(dir, { files: Number(process.argv[3] ?? 3200) }));
}
