import { describe, expect, it } from 'vitest';
import { allStatuses, useCaseStatuses } from '../../scripts/lib/glance-tests.js';

describe('every Glance test case is ported or explained', () => {
  it.each(allStatuses().map((s) => [s.file, s] as const))('%s', (_file, status) => {
    expect(status.missing, 'cases neither ported nor listed as `// not ported: Class.test - reason`').toEqual([]);
    expect(status.unknown, 'it() titles naming no test of that Glance class').toEqual([]);
    expect(status.notPorted.filter((n) => n.reason.trim().length < 10), 'a not-ported case needs a real reason').toEqual([]);
  });
  it.each(useCaseStatuses().map((s) => [s.file, s] as const))('%s at the use-case level', (_file, status) => {
    expect(status.missing).toEqual([]);
    expect(status.unknown).toEqual([]);
  });
});
