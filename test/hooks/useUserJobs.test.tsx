import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BasiqApiError, basiqKeys, useUserJobs, type Job } from '../../src';
import { createTestbed, USER } from '../support/basiqTestbed';
import { setupMswServer } from '../support/server';

const server = setupMswServer();

/** Three jobs a second apart: `a` and `c` on one connection, `b` on another. */
function threeJobs() {
  const bed = createTestbed(server, { mock: { clock: 'manual' } });
  const a = bed.control.createJob({ userId: USER });
  bed.control.advance(1000);
  const b = bed.control.createJob({ userId: USER, institutionId: 'AU00001' });
  bed.control.advance(1000);
  const c = bed.control.createJob({ userId: USER, connectionId: a.connectionId });
  return { bed, a, b, c };
}

describe('useUserJobs', () => {
  it("should list the user's jobs, newest first", async () => {
    const { bed, a, b, c } = threeJobs();
    const { result } = renderHook(() => useUserJobs(USER), { wrapper: bed.wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.map((job) => job.id)).toEqual([c.jobId, b.jobId, a.jobId]);
    expect(result.current.data?.[0]).toMatchObject({ phase: 'in-progress', isTerminal: false });
    expect(bed.control.requests()).toMatchObject([
      { method: 'GET', path: `/users/${USER}/jobs`, search: '', status: 200 },
    ]);
  });

  it('should list only the jobs of one connection, with the filter on the wire', async () => {
    const { bed, a, c } = threeJobs();
    const filter = { connectionId: a.connectionId! };
    const { result } = renderHook(() => useUserJobs(USER, filter), { wrapper: bed.wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.map((job) => job.id)).toEqual([c.jobId, a.jobId]);
    const [request] = bed.control.requests();
    expect(new URLSearchParams(request!.search).get('filter')).toBe(
      `connection.id.eq('${a.connectionId}')`,
    );
    expect(bed.queryClient.getQueryData(basiqKeys.userJobs(USER, filter))).toHaveLength(2);
  });

  it('should apply select', async () => {
    const { bed, c } = threeJobs();
    const { result } = renderHook(
      () => useUserJobs(USER, {}, { select: (jobs: Job[]) => jobs[0]?.id }),
      { wrapper: bed.wrapper },
    );
    await waitFor(() => expect(result.current.data).toBe(c.jobId));
  });

  it('should send nothing without a userId', () => {
    const bed = createTestbed(server);
    const { result } = renderHook(() => useUserJobs(undefined), { wrapper: bed.wrapper });
    expect(result.current.fetchStatus).toBe('idle');
    expect(result.current.isPending).toBe(true);
    expect(bed.control.requests()).toEqual([]);
  });

  it('should surface a failure as a BasiqApiError', async () => {
    const bed = createTestbed(server);
    bed.control.createUser({ id: USER });
    bed.control.failNext(1, 503, { path: `/users/${USER}/jobs` });
    const { result } = renderHook(() => useUserJobs(USER), { wrapper: bed.wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(BasiqApiError);
    expect(result.current.error?.message).toMatch(`GET /users/${USER}/jobs: 503`);
  });
});
