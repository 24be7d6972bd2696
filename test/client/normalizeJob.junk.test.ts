import { describe, it, expect } from 'vitest';
import { normalizeJob } from '../../src/client/normalizeJob';

describe('normalizeJob', () => {
  describe('junk input', () => {
    it.each([
      ['null', null],
      ['undefined', undefined],
      ['a number', 42],
      ['a string', 'x'],
      ['an array', []],
      ['non-array steps', { steps: 'no' }],
      ['non-object steps', { steps: [null, 1, 'a'] }],
      ['a null-prototype object', Object.create(null) as unknown],
    ])('should read %s as an empty pending job', (_name, raw) => {
      expect(normalizeJob(raw)).toEqual({
        id: '',
        jobType: 'unknown',
        steps: [],
        phase: 'pending',
        isTerminal: false,
        links: {},
      });
    });

    it('should read the fields of a null-prototype object', () => {
      const raw = Object.assign(Object.create(null) as Record<string, unknown>, {
        id: 'np',
        steps: [Object.assign(Object.create(null) as object, { title: 'a', status: 'success' })],
        links: Object.assign(Object.create(null) as object, { self: '/jobs/np' }),
      });
      const job = normalizeJob(raw);
      expect(job.id).toBe('np');
      expect(job.phase).toBe('success');
      expect(job.links).toEqual({ self: '/jobs/np' });
    });

    it('should ignore inherited properties', () => {
      const raw: unknown = Object.create({ id: 'inherited', status: 'failed', steps: [] });
      expect(normalizeJob(raw)).toMatchObject({ id: '', phase: 'pending', steps: [] });
    });

    it('should read a cyclic object without throwing', () => {
      const raw: Record<string, unknown> = { id: 'cyc', jobType: 'connection' };
      raw.self = raw;
      raw.links = raw;
      raw.steps = [{ title: 'verify-credentials', status: 'pending', result: [raw, raw] }];
      const job = normalizeJob(raw);
      expect(job.phase).toBe('pending');
      expect(job.links).toEqual({ id: 'cyc', jobType: 'connection' });
      expect(job.steps).toEqual([{ title: 'verify-credentials', status: 'pending', result: null }]);
      expect(() => JSON.stringify(job)).not.toThrow();
    });

    it('should fall back to an empty pending job when reading the input throws', () => {
      const hostile = {
        get id(): string {
          throw new Error('boom');
        },
      };
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      for (const raw of [hostile, proxy]) {
        expect(normalizeJob(raw)).toEqual({
          id: '',
          jobType: 'unknown',
          steps: [],
          phase: 'pending',
          isTerminal: false,
          links: {},
        });
      }
    });
  });
});
