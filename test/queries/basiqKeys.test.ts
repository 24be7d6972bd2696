import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { basiqKeys } from '../../src';

const startsWith = (key: QueryKey, prefix: QueryKey) =>
  prefix.length < key.length && prefix.every((part, i) => Object.is(part, key[i]));

describe('basiqKeys', () => {
  it('should nest every job key under jobs() under all', () => {
    expect(startsWith(basiqKeys.jobs(), basiqKeys.all)).toBe(true);
    expect(startsWith(basiqKeys.job('j1'), basiqKeys.jobs())).toBe(true);
    expect(basiqKeys.job('j1')).not.toEqual(basiqKeys.job('j2'));
  });

  it("should nest a user's jobs, consents and auth link under user(u) under all", () => {
    const user = basiqKeys.user('u1');
    expect(startsWith(user, basiqKeys.all)).toBe(true);
    for (const key of [
      basiqKeys.userJobs('u1'),
      basiqKeys.userJobs('u1', { connectionId: 'c1' }),
      basiqKeys.consents('u1'),
      basiqKeys.authLink('u1'),
    ]) {
      expect(startsWith(key, user)).toBe(true);
      expect(startsWith(key, basiqKeys.user('u2'))).toBe(false);
      expect(startsWith(key, basiqKeys.jobs())).toBe(false);
    }
    expect(startsWith(basiqKeys.events({ userId: 'u1' }), basiqKeys.all)).toBe(true);
  });

  it('should give equal keys for equal arguments (stable across calls)', () => {
    expect(basiqKeys.userJobs('u1', { connectionId: 'c1' })).toEqual(
      basiqKeys.userJobs('u1', { connectionId: 'c1' }),
    );
    expect(basiqKeys.userJobs('u1')).toEqual(basiqKeys.userJobs('u1', {}));
    expect(basiqKeys.events()).toEqual(basiqKeys.events({}));
  });

  it("should invalidate one user's consents, jobs and auth link only, with user(u)", async () => {
    const queryClient = new QueryClient();
    const keys = {
      u1Consents: basiqKeys.consents('u1'),
      u1Jobs: basiqKeys.userJobs('u1'),
      u1ConnectionJobs: basiqKeys.userJobs('u1', { connectionId: 'c1' }),
      u1AuthLink: basiqKeys.authLink('u1'),
      u2Consents: basiqKeys.consents('u2'),
      u2Jobs: basiqKeys.userJobs('u2'),
      u2AuthLink: basiqKeys.authLink('u2'),
      u10Consents: basiqKeys.consents('u10'),
      job: basiqKeys.job('j1'),
      events: basiqKeys.events({ userId: 'u1' }),
    };
    for (const key of Object.values(keys)) queryClient.setQueryData(key, []);

    await queryClient.invalidateQueries({ queryKey: basiqKeys.user('u1') });

    const invalidated = Object.fromEntries(
      Object.entries(keys).map(([name, key]) => [
        name,
        queryClient.getQueryState(key)?.isInvalidated,
      ]),
    );
    expect(invalidated).toEqual({
      u1Consents: true,
      u1Jobs: true,
      u1ConnectionJobs: true,
      u1AuthLink: true,
      u2Consents: false,
      u2Jobs: false,
      u2AuthLink: false,
      u10Consents: false,
      job: false,
      events: false,
    });
    queryClient.clear();
  });

  it('should invalidate every job query, and nothing else, with jobs()', async () => {
    const queryClient = new QueryClient();
    for (const key of [basiqKeys.job('j1'), basiqKeys.job('j2'), basiqKeys.consents('u1')]) {
      queryClient.setQueryData(key, {});
    }
    await queryClient.invalidateQueries({ queryKey: basiqKeys.jobs() });
    expect(queryClient.getQueryState(basiqKeys.job('j1'))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(basiqKeys.job('j2'))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(basiqKeys.consents('u1'))?.isInvalidated).toBe(false);
    queryClient.clear();
  });
});
