import { describe, expect, it } from 'vitest';
import { attributeComparison, modelAttribute, rangeOnNonColumn } from '../../../src/domain/compat/model-attributes.js';
import { failure } from '../__test-helpers__/failures.js';


describe('filters named like model attributes that are not columns', () => {
  it('knows relationships and other class attributes apart from names the model lacks', () => {
    expect(modelAttribute('images', 'tags')).toBe('relationship');
    expect(modelAttribute('tasks', 'info')).toBe('relationship');
    expect(modelAttribute('images', 'keys')).toBe('class attribute');
    expect(modelAttribute('images', 'os_distro')).toBeNull();
  });

  it('refuses to compare a relationship with text (InvalidRequestError, 500)', () => {
    expect(failure(() => attributeComparison('images', 'members', 'x')).kind).toBe('InvalidRequestError');
  });

  it('compares a class attribute in Python: every row when the text is its string value, else none', () => {
    expect(attributeComparison('images', '__tablename__', 'images')).toBe(true);
    expect(attributeComparison('tasks', '__tablename__', 'images')).toBe(false);
    expect(attributeComparison('images', 'keys', 'x')).toBe(false);
  });

  it('answers a range on a relationship as a TypeError and on a missing name as an AttributeError', () => {
    expect(failure(() => rangeOnNonColumn('tags', '>=')).kind).toBe('TypeError');
    expect(failure(() => rangeOnNonColumn('bogus', '<=')).kind).toBe('AttributeError');
  });
});
