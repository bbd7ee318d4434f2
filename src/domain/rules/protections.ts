/**
 * Property protections: which roles (or policy rules) may create, read,
 * update or delete an extra property, from the INI text of the protections
 * file. The first section whose regex searches the name decides.
 */
import { ConfigParser } from '../../lib/configparser.js';
import { compile, type PyPattern } from '../../lib/pyre.js';
import type { Settings } from '../../shared/settings.js';
import { DomainError } from '../errors.js';
import type { Actor } from '../actor.js';
import type { Policy } from './policy.js';
import { LEGACY_SECTION_HEADERS } from '../compat/config-values.js';
import { malformedProtections, pileUpServiceRoles } from '../compat/protections.js';

export type PropertyOp = 'create' | 'read' | 'update' | 'delete';
const OPS: readonly PropertyOp[] = ['create', 'read', 'update', 'delete'];

interface Section {
  readonly name: string;
  readonly pattern: PyPattern;
  readonly allowed: Readonly<Record<PropertyOp, readonly string[]>>;
}

/** A decision function; null rules mean protections are off (everything allowed). */
export interface Protections {
  readonly enabled: boolean;
  allows(actor: Actor, name: string, op: PropertyOp): boolean;
}

const NO_PROTECTIONS: Protections = { enabled: false, allows: () => true };

const malformed = malformedProtections;

/**
 * Reads the rules; a malformed file is a 500 for every image operation
 * (compat/protections.ts malformedProtections).
 * Section names as Python 3 reads them (compat/config-values.ts LEGACY_SECTION_HEADERS).
 */
export function loadProtections(settings: Settings, policy: Policy): Protections {
  if (settings.property_protections === null || settings.property_protections === undefined) return NO_PROTECTIONS;
  const byPolicy = settings.property_protection_rule_format === 'policies';
  const reading = readProtections(settings.property_protections, byPolicy);
  // A reading that failed other than as Glance fails is not remembered: read again, onto this policy.
  if (reading === null) return protectionsOf(readSections(settings.property_protections, byPolicy, policy), byPolicy, policy);
  for (const rules of reading.added) policy.addRules(rules);
  const { failure } = reading;
  if (failure !== null) throw new DomainError(failure.kind, failure.message, { positional: failure.positional });
  return protectionsOf(reading.sections, byPolicy, policy);
}

function protectionsOf(sections: readonly Section[], byPolicy: boolean, policy: Policy): Protections {
  return { enabled: true, allows: (actor, name, op) => decide(sections, byPolicy, policy, actor, name, op) };
}

/** Where the policy rules a reading adds go. */
interface RuleSink {
  addRules(rules: Readonly<Record<string, string>>): void;
}

/**
 * What reading one file gives: its sections, the policy rules it adds (in
 * order), and the failure it stops at (after adding those). A function of
 * the file's text and rule format only, so it is read once and replayed
 * onto each request's policy (reading it was 2.6% of the flat model's time).
 */
interface Reading {
  readonly sections: readonly Section[];
  readonly added: ReadonlyArray<Readonly<Record<string, string>>>;
  readonly failure: DomainError | null;
}

const READINGS = new Map<string, Reading>();
const READINGS_MAX = 256;

function readProtections(text: string, byPolicy: boolean): Reading | null {
  const key = `${byPolicy ? 'p' : 'r'}${text}`;
  let reading = READINGS.get(key);
  if (reading === undefined) {
    const added: Array<Readonly<Record<string, string>>> = [];
    const sink: RuleSink = { addRules: (rules) => void added.push(rules) };
    let sections: readonly Section[] = [];
    let failure: DomainError | null = null;
    try {
      sections = readSections(text, byPolicy, sink);
    } catch (e) {
      if (!(e instanceof DomainError)) return null;
      failure = e;
    }
    reading = { sections, added, failure };
    if (READINGS.size >= READINGS_MAX) READINGS.delete(READINGS.keys().next().value as string);
    READINGS.set(key, reading);
  }
  return reading;
}

function readSections(text: string, byPolicy: boolean, policy: RuleSink): Section[] {
  const parser = new ConfigParser({ legacySectionHeaders: LEGACY_SECTION_HEADERS });
  try {
    parser.readFile(text, 'property-protections.conf');
  } catch {
    throw malformed();
  }
  return parser.sections().map((name) => readSection(parser, name, byPolicy, policy));
}

function readSection(parser: ConfigParser, name: string, byPolicy: boolean, policy: RuleSink): Section {
  let pattern: PyPattern;
  try {
    pattern = compile(name);
  } catch {
    throw malformed();
  }
  const allowed = {} as Record<PropertyOp, readonly string[]>;
  for (const op of OPS) {
    // A missing operation escapes as ConfigParser's NoOptionError (500).
    let text: string;
    try {
      text = parser.get(name, op);
    } catch (e) {
      throw new DomainError('NoOptionError', String(e));
    }
    allowed[op] = text ? parseEntry(name, op, text, byPolicy, policy) : [];
  }
  return { name, pattern, allowed };
}

function parseEntry(section: string, op: PropertyOp, text: string, byPolicy: boolean, policy: RuleSink): string[] {
  if (byPolicy) {
    if (text.includes(',')) throw malformed();
    policy.addRules({ [`${section}:${op}`]: `rule:${text}` });
    return [text];
  }
  const roles = text.split(',').map((r) => r.trim());
  if (roles.includes('@') && roles.includes('!')) throw malformed();
  return roles;
}

function decide(sections: readonly Section[], byPolicy: boolean, policy: Policy, actor: Actor, name: string, op: PropertyOp): boolean {
  pileUpServiceRoles(actor);
  if (sections.length === 0) return true;
  const section = sections.find((s) => s.pattern.search(name) !== null);
  if (section === undefined) return false;
  const allowed = section.allowed[op];
  if (allowed.length === 0 || allowed.includes('!')) return false;
  if (allowed.includes('@')) return true;
  if (byPolicy) return policy.allows(actor, `${section.name}:${op}`, {});
  const wanted = new Set(allowed.map((r) => r.toLowerCase()));
  return actor.roles.some((r) => wanted.has(r));
}
