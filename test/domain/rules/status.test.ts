import { describe, expect, it } from 'vitest';
import { TRANSITIONS, checkTransition, toggleTarget } from '../../../src/domain/rules/status.js';
import { failure } from '../__test-helpers__/failures.js';

const formats = { disk_format: 'raw', container_format: 'bare' };


describe('image status machine', () => {
  it('allows every move Glance lists', () => {
    for (const [from, targets] of Object.entries(TRANSITIONS)) {
      for (const to of targets) expect(() => checkTransition(from, to, formats)).not.toThrow();
    }
  });

  it('refuses a move to the same status as an InvalidImageStatusTransition', () => {
    const e = failure(() => checkTransition('active', 'active', formats));
    expect(e.kind).toBe('InvalidImageStatusTransition');
    expect(e.message).toBe('Image status transition from active to active is not allowed');
  });

  it('refuses leaving deleted for anything', () => {
    expect(TRANSITIONS['deleted']).toEqual([]);
    expect(failure(() => checkTransition('deleted', 'active', formats)).status).toBe(400);
  });

  it('formats the target as Python str does (True, None)', () => {
    expect(failure(() => checkTransition('queued', true, formats)).message).toBe('Image status transition from queued to True is not allowed');
    expect(failure(() => checkTransition('queued', null, formats)).message).toBe('Image status transition from queued to None is not allowed');
  });

  it('needs both formats before a queued image saves, naming the missing ones', () => {
    const none = { disk_format: null, container_format: null };
    expect(failure(() => checkTransition('queued', 'saving', none)).message).toBe(
      'Properties disk_format, container_format must be set prior to saving data.',
    );
    expect(failure(() => checkTransition('queued', 'active', { ...formats, container_format: '' })).message).toBe(
      'Property container_format must be set prior to saving data.',
    );
  });

  it('does not need formats to delete a queued image', () => {
    expect(() => checkTransition('queued', 'deleted', { disk_format: null, container_format: null })).not.toThrow();
  });

  it('checks the transition before the formats', () => {
    expect(failure(() => checkTransition('active', 'saving', { disk_format: null, container_format: null })).kind).toBe(
      'InvalidImageStatusTransition',
    );
  });
});

describe('deactivate and reactivate', () => {
  it('moves active to deactivated and back', () => {
    expect(toggleTarget('active', 'deactivate')).toBe('deactivated');
    expect(toggleTarget('deactivated', 'reactivate')).toBe('active');
  });

  it('is a no-op when already there', () => {
    expect(toggleTarget('deactivated', 'deactivate')).toBeNull();
    expect(toggleTarget('active', 'reactivate')).toBeNull();
  });

  it('refuses any other status with a Forbidden (403), not a 400 (examples 029)', () => {
    const e = failure(() => toggleTarget('queued', 'deactivate'));
    expect(e.status).toBe(403);
    expect(e.message).toBe("Not allowed to deactivate image in status 'queued'");
    expect(failure(() => toggleTarget('saving', 'reactivate')).message).toBe("Not allowed to reactivate image in status 'saving'");
  });
});
