import { describe, expect, it } from 'vitest';
import { firstString, isRecord } from '../../src/internal/isRecord';

describe('isRecord', () => {
  it('should accept objects, including ones without a prototype', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord({ code: 'x' })).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
  });

  it('should refuse null, arrays and primitives', () => {
    for (const value of [null, undefined, [], [{}], 'text', 0, 1, true, () => ({})]) {
      expect(isRecord(value), String(value)).toBe(false);
    }
  });
});

describe('firstString', () => {
  it('should return the first string, skipping values that are not strings', () => {
    expect(firstString(undefined, 42, { detail: 'x' }, 'second', 'third')).toBe('second');
    expect(firstString('first', 'second')).toBe('first');
  });

  it('should keep an empty string, since it is a string', () => {
    expect(firstString(null, '', 'later')).toBe('');
  });

  it('should return undefined when there is no string', () => {
    expect(firstString()).toBeUndefined();
    expect(firstString(null, undefined, 1, ['a'], { a: 'a' })).toBeUndefined();
  });
});
