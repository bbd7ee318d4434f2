/**
 * Reading `peel-scenario/1` files (shared/scenario-format.md) strictly: an
 * unknown key, a wrong type or an unknown op is an error naming the file,
 * the step and the field, so a typo never silently changes what is tested.
 * Values that are controller input (image attributes, property values,
 * patch values, task input) are left as JSON: Glance must see them as sent.
 */
import { toPlain } from '../lib/pyjson.js';
import { CONFIG_KEY_TYPES, type ScenarioConfig } from './settings.js';
import { parseStrictJson } from './strict-json.js';
import { OPS, type Caller, type OpName } from './world.js';

export interface ScenarioStep {
  readonly as: Caller | null;
  readonly op: OpName;
  readonly args: Readonly<Record<string, unknown>>;
}

export interface Scenario {
  readonly format: 'peel-scenario/1';
  readonly name?: string;
  readonly config: ScenarioConfig;
  readonly steps: readonly ScenarioStep[];
}

/** A scenario that cannot be run; `where` names the field. */
export class ScenarioError extends Error {
  constructor(readonly file: string, readonly where: string, readonly problem: string) {
    super(`${file}: ${where ? where + ': ' : ''}${problem}`);
  }
}

type Kind = 'string' | 'string?' | 'integer' | 'integer?' | 'object' | 'array' | 'strings' | 'any' | 'changes' | 'filters' | 'task' | 'image' | 'base64';

/** Per op: arg name -> kind; a trailing '!' in the name marks it required. */
const ARGS: Record<OpName, Record<string, Kind>> = {
  'image.create': { image: 'image', extra_properties: 'object', tags: 'array' },
  'image.show': { 'image_id!': 'string' },
  'image.index': { marker: 'string', limit: 'integer', sort_key: 'strings', sort_dir: 'strings', filters: 'filters', member_status: 'string' },
  'image.update': { 'image_id!': 'string', 'changes!': 'changes' },
  'image.delete': { 'image_id!': 'string' },
  'image.deactivate': { 'image_id!': 'string' },
  'image.reactivate': { 'image_id!': 'string' },
  'image.upload': { 'image_id!': 'string', data: 'string', data_b64: 'base64', size: 'integer?' },
  'image.download': { 'image_id!': 'string' },
  'tag.update': { 'image_id!': 'string', 'tag_value!': 'string' },
  'tag.delete': { 'image_id!': 'string', 'tag_value!': 'string' },
  'member.create': { 'image_id!': 'string', 'member_id!': 'string' },
  'member.update': { 'image_id!': 'string', 'member_id!': 'string', 'status!': 'any' },
  'member.index': { 'image_id!': 'string' },
  'member.show': { 'image_id!': 'string', 'member_id!': 'string' },
  'member.delete': { 'image_id!': 'string', 'member_id!': 'string' },
  'task.create': { 'task!': 'task' },
  'task.index': { marker: 'string', limit: 'integer', sort_key: 'string', sort_dir: 'string', filters: 'filters' },
  'task.get': { 'task_id!': 'string' },
};

const IMAGE_KEYS = new Set(['id', 'name', 'visibility', 'protected', 'min_disk', 'min_ram', 'disk_format', 'container_format', 'owner']);
const CHANGE_KEYS = new Set(['op', 'path', 'value', 'json_schema_version']);

/**
 * The text read strictly (shared/strict-json.ts: no duplicate keys, no
 * NaN, bounded nesting), then as plain objects whose every key, prototype
 * names included, is an own property the checks below see.
 */
export function parseScenarioText(text: string, file: string): Scenario {
  return validateScenario(toPlain(parseStrictJson(text, file)), file);
}

export function validateScenario(raw: unknown, file: string): Scenario {
  const top = asObject(raw, file, '');
  onlyKeys(top, ['format', 'name', 'config', 'steps'], file, '');
  if (top.format !== 'peel-scenario/1') {
    throw new ScenarioError(file, 'format', `expected "peel-scenario/1", got ${show(top.format)}`);
  }
  if (top.name !== undefined && typeof top.name !== 'string') throw new ScenarioError(file, 'name', `expected a string, got ${show(top.name)}`);
  const config = validateConfig(top.config ?? {}, file);
  if (!Array.isArray(top.steps)) throw new ScenarioError(file, 'steps', `expected an array, got ${show(top.steps)}`);
  const steps = top.steps.map((s, k) => validateStep(s, file, `steps[${k}]`));
  return { format: 'peel-scenario/1', ...(top.name !== undefined ? { name: top.name as string } : {}), config, steps };
}

/** The `min=`/`max=` of Glance 16.0.0's IntOpts (glance/common/config.py). */
const INTEGER_BOUNDS: Readonly<Record<string, { min: number; max: number }>> = {
  limit_param_default: { min: 1, max: Number.MAX_SAFE_INTEGER },
  api_limit_max: { min: 1, max: Number.MAX_SAFE_INTEGER },
  image_size_cap: { min: 1, max: 9223372036854775808 },
};

export function validateConfig(raw: unknown, file: string): ScenarioConfig {
  const config = asObject(raw, file, 'config');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const where = `config.${key}`;
    // Own keys only: `constructor` or `toString` are in every object, not config keys.
    if (!Object.hasOwn(CONFIG_KEY_TYPES, key)) throw new ScenarioError(file, where, `unknown config key (known: ${Object.keys(CONFIG_KEY_TYPES).join(', ')})`);
    const type = CONFIG_KEY_TYPES[key as keyof typeof CONFIG_KEY_TYPES];
    const bad = (what: string) => new ScenarioError(file, where, `expected ${what}, got ${show(value)}`);
    switch (type) {
      case 'integer': {
        if (!Number.isInteger(value)) throw bad('an integer');
        const bounds = INTEGER_BOUNDS[key];
        // oslo.config refuses these when Glance starts (the reference runner calls the scenario invalid).
        if (bounds && ((value as number) < bounds.min || (value as number) > bounds.max)) {
          throw new ScenarioError(file, where, `should be between ${bounds.min} and ${bounds.max} (Glance's option bounds), got ${show(value)}`);
        }
        break;
      }
      case 'boolean':
        if (typeof value !== 'boolean') throw bad('true or false');
        break;
      case 'string':
        if (typeof value !== 'string') throw bad('a string');
        break;
      case 'string[]':
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw bad('an array of strings');
        break;
      case 'string-map':
        // Any JSON value is a rule to oslo.policy: text, the list form, and
        // values it reads as lists (or fails on, as Glance then does).
        if (!isPlainObject(value)) throw bad('an object of rule name to rule');
        break;
      case 'rule-format':
        if (value !== 'roles' && value !== 'policies') throw bad('"roles" or "policies"');
        break;
    }
    out[key] = value;
  }
  return out as ScenarioConfig;
}

function validateStep(raw: unknown, file: string, where: string): ScenarioStep {
  const step = asObject(raw, file, where);
  onlyKeys(step, ['as', 'op', 'args'], file, where);
  if (!('as' in step)) throw new ScenarioError(file, `${where}.as`, 'missing (use null for the anonymous caller)');
  const caller = validateCaller(step.as, file, `${where}.as`);
  if (typeof step.op !== 'string' || !(OPS as readonly string[]).includes(step.op)) {
    throw new ScenarioError(file, `${where}.op`, `unknown op ${show(step.op)} (known: ${OPS.join(', ')})`);
  }
  const op = step.op as OpName;
  const args = validateArgs(op, step.args ?? {}, file, `${where}.args`);
  return { as: caller, op, args };
}

function validateCaller(raw: unknown, file: string, where: string): Caller | null {
  if (raw === null) return null;
  const who = asObject(raw, file, where);
  onlyKeys(who, ['user', 'project', 'roles'], file, where);
  for (const key of ['user', 'project'] as const) {
    const v = who[key];
    if (v !== undefined && v !== null && typeof v !== 'string') throw new ScenarioError(file, `${where}.${key}`, `expected a string or null, got ${show(v)}`);
  }
  const roles = who.roles ?? [];
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
    throw new ScenarioError(file, `${where}.roles`, `expected an array of strings, got ${show(who.roles)}`);
  }
  return { user: (who.user as string | null | undefined) ?? null, project: (who.project as string | null | undefined) ?? null, roles: roles as string[] };
}

function validateArgs(op: OpName, raw: unknown, file: string, where: string): Record<string, unknown> {
  const args = asObject(raw, file, where);
  const spec = ARGS[op];
  const known = new Map(Object.entries(spec).map(([k, kind]) => [k.replace(/!$/, ''), { kind, required: k.endsWith('!') }]));
  for (const key of Object.keys(args)) {
    if (!known.has(key)) throw new ScenarioError(file, `${where}.${key}`, `unknown arg for ${op} (known: ${[...known.keys()].join(', ')})`);
  }
  for (const [key, { kind, required }] of known) {
    if (!(key in args)) {
      if (required) throw new ScenarioError(file, `${where}.${key}`, `missing (required by ${op})`);
      continue;
    }
    checkKind(args[key], kind, file, `${where}.${key}`);
  }
  if (op === 'image.upload' && 'data' in args && 'data_b64' in args) {
    throw new ScenarioError(file, `${where}.data_b64`, 'give data or data_b64, not both');
  }
  return args;
}

function checkKind(value: unknown, kind: Kind, file: string, where: string): void {
  const bad = (what: string) => new ScenarioError(file, where, `expected ${what}, got ${show(value)}`);
  switch (kind) {
    case 'any':
      return;
    case 'string':
      if (typeof value !== 'string') throw bad('a string');
      return;
    case 'string?':
      if (value !== null && typeof value !== 'string') throw bad('a string or null');
      return;
    case 'integer':
      if (!Number.isInteger(value)) throw bad('an integer');
      return;
    case 'integer?':
      if (value !== null && !Number.isInteger(value)) throw bad('an integer or null');
      return;
    case 'object':
      if (!isPlainObject(value)) throw bad('an object');
      return;
    case 'array':
      if (!Array.isArray(value)) throw bad('an array');
      return;
    case 'strings':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw bad('an array of strings');
      return;
    case 'base64':
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) throw bad('base64 text');
      return;
    case 'image': {
      const image = asObject(value, file, where);
      for (const key of Object.keys(image)) {
        if (!IMAGE_KEYS.has(key)) throw new ScenarioError(file, `${where}.${key}`, `unknown image attribute (known: ${[...IMAGE_KEYS].join(', ')})`);
      }
      return;
    }
    case 'filters': {
      const filters = asObject(value, file, where);
      for (const [key, v] of Object.entries(filters)) {
        const ok = key === 'tags' ? Array.isArray(v) && v.every((t) => typeof t === 'string') : typeof v === 'string';
        if (!ok) throw new ScenarioError(file, `${where}.${key}`, `expected ${key === 'tags' ? 'an array of strings' : 'a query string value'}, got ${show(v)}`);
      }
      return;
    }
    case 'changes': {
      if (!Array.isArray(value)) throw bad('an array of changes');
      value.forEach((raw, i) => {
        const at = `${where}[${i}]`;
        const change = asObject(raw, file, at);
        onlyKeys(change, [...CHANGE_KEYS], file, at);
        if (typeof change.op !== 'string') throw new ScenarioError(file, `${at}.op`, `expected "replace", "add" or "remove", got ${show(change.op)}`);
        if (!Array.isArray(change.path) || !change.path.every((p) => typeof p === 'string')) {
          throw new ScenarioError(file, `${at}.path`, `expected an array of strings, got ${show(change.path)}`);
        }
        if (change.json_schema_version !== undefined && !Number.isInteger(change.json_schema_version)) {
          throw new ScenarioError(file, `${at}.json_schema_version`, `expected an integer, got ${show(change.json_schema_version)}`);
        }
      });
      return;
    }
    case 'task': {
      const task = asObject(value, file, where);
      onlyKeys(task, ['type', 'input'], file, where);
      for (const key of ['type', 'input']) if (!(key in task)) throw new ScenarioError(file, `${where}.${key}`, 'missing (a task needs type and input)');
      return;
    }
  }
}

function asObject(value: unknown, file: string, where: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new ScenarioError(file, where, `expected an object, got ${show(value)}`);
  return value;
}

function onlyKeys(obj: Record<string, unknown>, allowed: string[], file: string, where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw new ScenarioError(file, where ? `${where}.${key}` : key, `unknown key (allowed: ${allowed.join(', ')})`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? text.slice(0, 37) + '...' : text;
}
