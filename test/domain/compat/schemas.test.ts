import { describe, expect, it } from 'vitest';
import { formatEnum } from '../../../src/domain/compat/schemas.js';

describe('the image schema as Glance builds it (ledger #46)', () => {
  it('quirk #46: the format enums are the deployment lists with None first', () => {
    expect(formatEnum(['raw', 'qcow2'])).toEqual([null, 'raw', 'qcow2']);
    expect(formatEnum([])).toEqual([null]);
  });
});
