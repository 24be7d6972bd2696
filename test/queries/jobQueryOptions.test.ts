import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BasiqPollTimeoutError, createBasiqClient, jobQueryOptions } from '../../src';
import { createBasiqMock } from '../../src/testing';
import { setupMswServer } from '../support/server';

const server = setupMswServer();
const USER = 'user-1';
const MINUTE = 60_000;

/** A mock job that stays in verify-credentials, a client, and a fetch of it on a QueryClient. */
function stuckJob() {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') });
  const { handlers, control } = createBasiqMock();
  server.use(...handlers);
  const { jobId } = control.createJob({ userId: USER, stepMs: 24 * 60 * MINUTE });
  const client = createBasiqClient({ getToken: async () => control.clientToken(USER) });
  const options = jobQueryOptions(client, jobId, { maxPollMs: 2 * MINUTE });
  const fresh = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const poll = (queryClient: QueryClient) =>
    queryClient.fetchQuery({ ...options, staleTime: 0 }).then(
      (job) => job.phase,
      (error: unknown) => error,
    );
  return { options, fresh, poll };
}

describe('jobQueryOptions', () => {
  afterEach(() => vi.useRealTimers());

  it("should count maxPollMs per query: another QueryClient's polls of the same job do not count", async () => {
    const { fresh, poll } = stuckJob();
    const first = fresh();
    const second = fresh();
    await expect(poll(first)).resolves.toBe('in-progress');
    for (let minute = 1; minute <= 2; minute++) {
      vi.advanceTimersByTime(MINUTE - 1000);
      await poll(first);
    }
    vi.advanceTimersByTime(2000);
    // The first client has polled the job for two minutes; the second has just begun.
    await expect(poll(second)).resolves.toBe('in-progress');
    await expect(poll(first)).resolves.toBeInstanceOf(BasiqPollTimeoutError);
  });

  it('should forget the period with the query: a job removed from the cache starts anew', async () => {
    const { options, fresh, poll } = stuckJob();
    const queryClient = fresh();
    for (let minute = 0; minute <= 2; minute++) {
      if (minute > 0) vi.advanceTimersByTime(MINUTE - 1000);
      await expect(poll(queryClient)).resolves.toBe('in-progress');
    }
    queryClient.removeQueries({ queryKey: options.queryKey });
    vi.advanceTimersByTime(3000);
    // Two minutes and a second since the first poll, but the query that counted them is gone.
    await expect(poll(queryClient)).resolves.toBe('in-progress');
  });
});
