import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BasiqApiError, useJobs, useSubmitMfa } from '../../src';
import type { CreateJobOptions } from '../../src/testing';
import { advance, createTestbed, USER } from '../support/basiqTestbed';
import { setupMswServer } from '../support/server';

const server = setupMswServer();

/** Fake timers, a testbed, and one job per scenario on it. */
function start(...jobs: Array<Omit<CreateJobOptions, 'userId'>>) {
  vi.useFakeTimers();
  const bed = createTestbed(server);
  const ids = jobs.map((job) => bed.control.createJob({ userId: USER, ...job }).jobId);
  return { bed, ids };
}

describe('useJobs', () => {
  it('should be mfa-required while one job waits for MFA, then success once answered', async () => {
    const { bed, ids } = start(
      { scenario: 'success', stepMs: 1000 },
      { scenario: 'mfa-token', stepMs: 1000 },
    );
    const [plain, mfa] = ids as [string, string];
    const { result } = renderHook(() => ({ jobs: useJobs(ids), submit: useSubmitMfa(mfa) }), {
      wrapper: bed.wrapper,
    });
    await advance(1500);
    expect(result.current.jobs.phase).toBe('mfa-required');
    expect(result.current.jobs.jobs.map((j) => j.phase)).toEqual(['in-progress', 'mfa-required']);
    await advance(5000);
    // The plain job ended; the other still waits for its answer.
    expect(result.current.jobs.jobs.map((j) => j.phase)).toEqual(['success', 'mfa-required']);
    expect(result.current.jobs.phase).toBe('mfa-required');
    expect(result.current.jobs.isTerminal).toBe(false);

    act(() => result.current.submit.mutate(['123456']));
    await advance(500);
    expect(result.current.jobs.phase).toBe('in-progress');
    await advance(10_000);
    expect(result.current.jobs.phase).toBe('success');
    expect(result.current.jobs.isTerminal).toBe(true);
    expect(result.current.jobs.jobs.map((j) => j.id)).toEqual([plain, mfa]);
  });

  it('should be failed once every job ended and one failed', async () => {
    const { bed, ids } = start(
      { scenario: 'invalid-credentials', stepMs: 1000 },
      { scenario: 'success', stepMs: 5000 },
    );
    const { result } = renderHook(() => useJobs(ids), { wrapper: bed.wrapper });
    await advance(2000);
    expect(result.current.jobs.map((j) => j.phase)).toEqual(['failed', 'in-progress']);
    expect(result.current.phase).toBe('in-progress');
    expect(result.current.isTerminal).toBe(false);
    await advance(20_000);
    expect(result.current.jobs.map((j) => j.phase)).toEqual(['failed', 'success']);
    expect(result.current.phase).toBe('failed');
    expect(result.current.isTerminal).toBe(true);
  });

  it('should have no phase until every job loaded', async () => {
    const { bed, ids } = start({ scenario: 'success', stepMs: 60_000 });
    const { result } = renderHook(() => useJobs([ids[0]!, 'no-such-job']), {
      wrapper: bed.wrapper,
    });
    expect(result.current).toMatchObject({ phase: undefined, jobs: [], isPending: true });
    await advance(2000);
    expect(result.current.jobs).toHaveLength(1);
    expect(result.current.phase).toBeUndefined();
    expect(result.current.isTerminal).toBe(false);
    expect(result.current.error).toBeInstanceOf(BasiqApiError);
    expect((result.current.error as BasiqApiError).status).toBe(404);
  });

  it('should list the jobs in the order of jobIds', async () => {
    const { bed, ids } = start(
      { scenario: 'success', stepMs: 1000 },
      { scenario: 'mfa-token', stepMs: 1000 },
      { scenario: 'invalid-credentials', stepMs: 1000 },
    );
    const order = [ids[2]!, ids[0]!, ids[1]!];
    const { result, rerender } = renderHook((jobIds: string[]) => useJobs(jobIds), {
      wrapper: bed.wrapper,
      initialProps: order,
    });
    await advance(5000);
    expect(result.current.jobs.map((j) => j.id)).toEqual(order);
    expect(result.current.jobs.map((j) => j.phase)).toEqual(['failed', 'success', 'mfa-required']);
    expect(result.current.phase).toBe('mfa-required');
    rerender([ids[1]!, ids[0]!]);
    expect(result.current.jobs.map((j) => j.id)).toEqual([ids[1], ids[0]]);
  });

  it('should give an empty result for no jobs, and send nothing', async () => {
    const { bed } = start();
    const { result } = renderHook(() => useJobs([]), { wrapper: bed.wrapper });
    await advance(5000);
    expect(result.current).toEqual({
      jobs: [],
      phase: undefined,
      isTerminal: false,
      isPending: false,
      error: null,
    });
    expect(bed.control.requests()).toEqual([]);
  });
});
