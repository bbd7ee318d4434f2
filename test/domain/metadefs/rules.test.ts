/**
 * The catalog's rules as the flat model keeps them: who sees a namespace,
 * who may change what is in it, who may create in it (Glance's quirk: the
 * caller's own project, not the namespace's owner), and the 4-byte refusal
 * of the metadef db api.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { DomainError } from '../../../src/domain/errors.js';
import { refuseFourByte } from '../../../src/domain/compat/four-byte.js';
import { canChange, canSee, checkCreate } from '../../../src/domain/metadefs/rules.js';

function actor(owner: string | null, isAdmin = false): Actor {
  return { user_id: 'u', project_id: owner, roles: [], serviceRoles: [], values: {}, owner, isAdmin, readOnly: false };
}

const failure = (fn: () => void): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('no failure');
};

describe('namespace visibility', () => {
  it('admins see everything; others their own and public namespaces', () => {
    const priv = { owner: 'p-alice', visibility: 'private' };
    expect(canSee(actor('p-bob', true), priv)).toBe(true);
    expect(canSee(actor('p-alice'), priv)).toBe(true);
    expect(canSee(actor('p-bob'), priv)).toBe(false);
    expect(canSee(actor('p-bob'), { owner: 'p-alice', visibility: 'public' })).toBe(true);
    expect(canSee(actor(null), priv)).toBe(false);
  });

  it('a namespace with no visibility (loaded without one) is private to its owner', () => {
    expect(canSee(actor('p-bob'), { owner: 'admin', visibility: null })).toBe(false);
    expect(canSee(actor('admin'), { owner: 'admin', visibility: null })).toBe(true);
  });
});

describe('changing a namespace and its contents', () => {
  it('is for admins and the owner; an anonymous caller never may', () => {
    const ns = { owner: 'p-alice', visibility: 'public' };
    expect(canChange(actor('p-alice'), ns)).toBe(true);
    expect(canChange(actor('p-bob'), ns)).toBe(false);
    expect(canChange(actor(null), ns)).toBe(false);
    expect(canChange(actor(null, true), ns)).toBe(true);
  });
});

describe('creating in a namespace', () => {
  it('quirk: the owner compared is the one the caller names, so any project may add to a public namespace it does not own', () => {
    expect(() => checkCreate(actor('p-bob'), 'object', 'p-bob')).not.toThrow();
    expect(failure(() => checkCreate(actor('p-bob'), 'namespace', 'p-alice')).message).toBe("You are not permitted to create namespace owned by 'p-alice'");
    expect(failure(() => checkCreate(actor(null), 'object', null)).message).toBe("You are not permitted to create object owned by 'None'");
  });

  it('tags have their own texts: no owner, then another owner', () => {
    expect(failure(() => checkCreate(actor(null), 'tag', null)).message).toBe('Owner must be specified to create a tag.');
    expect(failure(() => checkCreate(actor('p-bob'), 'tag', 'p-alice')).message).toBe("You are not permitted to create a tag in the namespace owned by 'p-alice'");
  });

  it('admins create for anyone', () => {
    expect(() => checkCreate(actor('p-admin', true), 'namespace', 'p-alice')).not.toThrow();
  });
});

describe('text outside the BMP', () => {
  it('is refused in values (dicts looked into, lists not), then in the names given', () => {
    expect(failure(() => refuseFourByte({ display_name: 'a😀' })).message).toBe("Display_Name can't contain 4 byte unicode characters.");
    expect(failure(() => refuseFourByte({ json_schema: new Map([['p', new Map([['title', '😀']])]]) })).message).toBe("Title can't contain 4 byte unicode characters.");
    expect(failure(() => refuseFourByte({ '😀': 'x' })).message).toBe("Property names can't contain 4 byte unicode.");
    expect(() => refuseFourByte({ enum: ['😀'] })).not.toThrow();
    expect(failure(() => refuseFourByte({ name: 'x' }, 'ns😀')).message).toBe("Param values can't contain 4 byte unicode.");
  });

  it('a property named outside the BMP inside an object schema passes: its value is a dict', () => {
    expect(() => refuseFourByte({ json_schema: new Map([['😀', new Map([['title', 't']])]]) })).not.toThrow();
  });
});
