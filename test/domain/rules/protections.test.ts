import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { Policy } from '../../../src/domain/rules/policy.js';
import { loadProtections, type Protections } from '../../../src/domain/rules/protections.js';
import type { ScenarioConfig } from '../../../src/shared/settings.js';
import { actor, admin, alice, settings } from '../__test-helpers__/actors.js';

const SAMPLE = `[^x_.*]
create = admin,member
read = admin,member
update = admin,member
delete = admin,member

[.*]
create = admin
read = admin
update = admin
delete = admin
`;

function rules(text: string | null, config: ScenarioConfig = {}): Protections {
  const s = settings(text === null ? config : { ...config, property_protections: text });
  return loadProtections(s, new Policy(s));
}

function loadFailure(text: string, config: ScenarioConfig = {}): DomainError {
  try {
    rules(text, config);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('property protections, roles format', () => {
  it('allows everything when no file is configured', () => {
    const p = rules(null);
    expect(p.enabled).toBe(false);
    expect(p.allows(alice(), 'anything', 'delete')).toBe(true);
  });

  it('lets the first section whose pattern searches the name decide', () => {
    const p = rules(SAMPLE);
    expect(p.allows(alice(), 'x_owner', 'create')).toBe(true);
    expect(p.allows(alice(), 'foo', 'create')).toBe(false);
    expect(p.allows(admin(), 'foo', 'read')).toBe(true);
  });

  it('refuses a name no section matches', () => {
    const p = rules('[^only_this$]\ncreate = @\nread = @\nupdate = @\ndelete = @\n');
    expect(p.allows(admin(), 'other', 'read')).toBe(false);
  });

  it("reads '@' as everyone and '!' or an empty list as nobody, admins included", () => {
    const p = rules('[^a_]\ncreate = @\nread = @\nupdate = !\ndelete =\n');
    expect(p.allows(alice(), 'a_1', 'create')).toBe(true);
    expect(p.allows(admin(), 'a_1', 'update')).toBe(false);
    expect(p.allows(admin(), 'a_1', 'delete')).toBe(false);
  });

  it('compares role names case-insensitively', () => {
    const p = rules('[.*]\ncreate = Member\nread = Member\nupdate = Member\ndelete = Member\n');
    expect(p.allows(actor('p-x', ['MEMBER']), 'k', 'read')).toBe(true);
  });

  it("reads [^[0-9]] as the section ^[0-9] (Python 3 headers, examples 066)", () => {
    const p = rules('[^[0-9]]\ncreate = admin\nread = admin\nupdate = admin\ndelete = admin\n[.*]\ncreate = @\nread = @\nupdate = @\ndelete = @\n');
    expect(p.allows(alice(), '1abc', 'create')).toBe(false);
    expect(p.allows(alice(), 'abc', 'create')).toBe(true);
  });

  it("refuses '@' with '!' and a bad regex as a malformed file (500)", () => {
    expect(loadFailure('[.*]\ncreate = @,!\nread = @\nupdate = @\ndelete = @\n').kind).toBe('InvalidPropertyProtectionConfiguration');
    expect(loadFailure('[(]\ncreate = @\nread = @\nupdate = @\ndelete = @\n').crashed).toBe(true);
  });

  it('fails with NoOptionError when an operation is missing', () => {
    expect(loadFailure('[.*]\ncreate = @\nread = @\nupdate = @\n').kind).toBe('NoOptionError');
  });
});

describe('property protections, policies format', () => {
  it('enforces the named policy rule for each operation', () => {
    const p = rules('[^hw_]\ncreate = hw_rule\nread = hw_rule\nupdate = hw_rule\ndelete = hw_rule\n', {
      property_protection_rule_format: 'policies',
      policy: { hw_rule: 'role:admin' },
    });
    expect(p.allows(admin(), 'hw_disk_bus', 'create')).toBe(true);
    expect(p.allows(alice(), 'hw_disk_bus', 'create')).toBe(false);
  });

  it('refuses a comma list as malformed', () => {
    const text = '[.*]\ncreate = a,b\nread = a\nupdate = a\ndelete = a\n';
    expect(loadFailure(text, { property_protection_rule_format: 'policies' }).kind).toBe('InvalidPropertyProtectionConfiguration');
  });
});
