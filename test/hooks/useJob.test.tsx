import { focusManager } from '@tanstack/react-query';
import { act, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BasiqApiError, BasiqPollTimeoutError, useJob, useSubmitMfa } from '../../src';
import type { CreateJobOptions } from '../../src/testing';
import { advance, createTestbed, USER, type Testbed } from '../support/basiqTestbed';
import { setupMswServer } from '../support/server';
import { setHidden } from '../support/visibility';

const server = setupMswServer();
afterEach(() => {
  focusManager.setFocused(undefined);
  Reflect.deleteProperty(document, 'visibilityState');
});

/** Fake timers, a testbed and one job on it. */
function start(options: Omit<CreateJobOptions, 'userId'> = {}) {
  vi.useFakeTimers();
  const bed = createTestbed(server);
  const t0 = Date.now();
  const { jobId } = bed.control.createJob({ userId: USER, ...options });
  return { bed, jobId, t0 };
}

/** When each GET /jobs/{jobId} arrived, in ms since t0. */
const pollTimes = (bed: Testbed, jobId: string, t0: number) =>
  bed.control
    .requests()
    .filter((r) => r.method === 'GET' && r.path === `/jobs/${jobId}`)
    .map((r) => r.time - t0);

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('useJob', () => {
  it('should return the job, its phase, challenge and what select made of it', async () => {
    const { bed, jobId } = start({ scenario: 'mfa-token', stepMs: 1000 });
    const { result } = renderHook(
      () => useJob(jobId, { select: (job) => job.steps.map((s) => s.status).join(',') }),
      { wrapper: bed.wrapper },
    );
    expect(result.current.phase).toBeUndefined();
    expect(result.current.isTerminal).toBe(false);
    await advance(1500);
    expect(result.current.phase).toBe('mfa-required');
    expect(result.current.job?.id).toBe(jobId);
    expect(result.current.isTerminal).toBe(false);
    expect(result.current.mfa).toMatchObject({
      jobId,
      method: 'token',
      prompts: [expect.any(String)],
    });
    expect(result.current.failure).toBeUndefined();
    expect(result.current.data).toBe('success,in-progress,pending,pending');
    expect(result.current.isSuccess).toBe(true);
  });

  it('should return the failure of a failed job', async () => {
    const { bed, jobId } = start({ scenario: 'invalid-credentials', stepMs: 1000 });
    const { result } = renderHook(() => useJob(jobId), { wrapper: bed.wrapper });
    await advance(2000);
    expect(result.current.phase).toBe('failed');
    expect(result.current.isTerminal).toBe(true);
    expect(result.current.failure).toMatchObject({
      step: 'verify-credentials',
      code: 'invalid-credentials',
    });
    expect(result.current.mfa).toBeUndefined();
    expect(result.current.data).toEqual(result.current.job);
  });

  it('should send no request without a job id', async () => {
    const { bed } = start();
    const { result } = renderHook(() => useJob(undefined), { wrapper: bed.wrapper });
    await advance(10_000);
    expect(bed.control.requests()).toEqual([]);
    expect(result.current.phase).toBeUndefined();
    expect(result.current.fetchStatus).toBe('idle');
  });

  it('should send one request per tick however many components watch the job', async () => {
    const { bed, jobId, t0 } = start({ stepMs: { 'verify-credentials': 60_000 } });
    function Watch({ n }: { n: number }) {
      const { phase } = useJob(jobId);
      return <p>{`${n}:${phase}`}</p>;
    }
    render(
      <>
        {Array.from({ length: 10 }, (_, n) => (
          <Watch key={n} n={n} />
        ))}
      </>,
      { wrapper: bed.wrapper },
    );
    await advance(10_000);
    expect(screen.getAllByText(/:in-progress$/)).toHaveLength(10);
    const times = pollTimes(bed, jobId, t0);
    // A first fetch at mount, then one per 1 s tick.
    expect(times.length).toBeGreaterThanOrEqual(10);
    expect(times.length).toBeLessThanOrEqual(11);
    expect(new Set(times).size).toBe(times.length);
  });

  describe('after the job ended', () => {
    for (const scenario of ['success', 'invalid-credentials'] as const) {
      it(`should send no request (${scenario}), not on remount nor on focus`, async () => {
        const { bed, jobId } = start({ scenario, stepMs: 1000 });
        const Watch = () => <p>{useJob(jobId).phase ?? 'loading'}</p>;
        const first = render(<Watch />, { wrapper: bed.wrapper });
        await advance(5000);
        expect(screen.getByText(/^(success|failed)$/)).toBeTruthy();
        const polls = bed.jobPolls(jobId);
        await advance(60_000);
        expect(bed.jobPolls(jobId)).toBe(polls);

        first.unmount();
        render(<Watch />, { wrapper: bed.wrapper });
        await advance(1000);
        expect(screen.getByText(/^(success|failed)$/)).toBeTruthy();
        act(() => focusManager.setFocused(false));
        act(() => focusManager.setFocused(true));
        setHidden(true);
        setHidden(false);
        await advance(60_000);
        expect(bed.jobPolls(jobId)).toBe(polls);
      });
    }

    it('should not resume polling when a manual refetch of the ended job fails', async () => {
      const { bed, jobId } = start({ stepMs: 1000 });
      const { result } = renderHook(() => useJob(jobId), { wrapper: bed.wrapper });
      await advance(5000);
      expect(result.current.phase).toBe('success');
      bed.control.failNext(1, 503);
      await act(async () => void (await result.current.refetch()));
      const polls = bed.jobPolls(jobId);
      await advance(60_000);
      expect(bed.jobPolls(jobId)).toBe(polls);
    });
  });

  it('should pause while the window is unfocused and refetch at once on focus', async () => {
    const { bed, jobId, t0 } = start({ stepMs: { 'verify-credentials': 120_000 } });
    renderHook(() => useJob(jobId), { wrapper: bed.wrapper });
    await advance(3000);
    act(() => focusManager.setFocused(false));
    const polls = bed.jobPolls(jobId);
    await advance(30_000);
    expect(bed.jobPolls(jobId)).toBe(polls);
    const focusedAt = Date.now() - t0;
    act(() => focusManager.setFocused(true));
    await advance(0);
    expect(pollTimes(bed, jobId, t0).slice(polls)).toEqual([focusedAt]);
    await advance(3000);
    expect(bed.jobPolls(jobId)).toBe(polls + 4);
  });

  it('should pause while the tab is hidden and refetch at once when it shows again', async () => {
    const { bed, jobId, t0 } = start({ stepMs: { 'verify-credentials': 120_000 } });
    renderHook(() => useJob(jobId), { wrapper: bed.wrapper });
    await advance(3000);
    setHidden(true);
    const polls = bed.jobPolls(jobId);
    await advance(30_000);
    expect(bed.jobPolls(jobId)).toBe(polls);
    const shownAt = Date.now() - t0;
    setHidden(false);
    await advance(0);
    expect(pollTimes(bed, jobId, t0).slice(polls)).toEqual([shownAt]);
  });

  it('should poll every second while verifying credentials, then 2.5 s and 5 s while retrieving', async () => {
    const { bed, jobId, t0 } = start({
      stepMs: { 'verify-credentials': 10_000, 'retrieve-accounts': 60_000 },
    });
    renderHook(() => useJob(jobId), { wrapper: bed.wrapper });
    await advance(40_000);
    const times = pollTimes(bed, jobId, t0);
    const verifying = times.filter((t) => t < 10_000);
    const retrieving = times.filter((t) => t >= 10_000);
    expect(verifying.length).toBeGreaterThanOrEqual(9);
    expect(gaps(verifying).every((gap) => gap === 1000)).toBe(true);
    expect(retrieving[0]! - verifying.at(-1)!).toBe(1000);
    expect(gaps(retrieving)).toEqual([2500, 5000, 5000, 5000, 5000, 5000]);
  });

  it('should back off after failed polls, then poll fast again', async () => {
    const { bed, jobId, t0 } = start({ stepMs: { 'verify-credentials': 120_000 } });
    const { result } = renderHook(() => useJob(jobId), { wrapper: bed.wrapper });
    await advance(2000);
    bed.control.failNext(3, 503);
    await advance(20_000);
    const statuses = bed.control.requests().map((r) => r.status);
    expect(statuses.filter((s) => s === 503)).toHaveLength(3);
    const times = pollTimes(bed, jobId, t0);
    const firstFailure = statuses.indexOf(503);
    expect(gaps(times.slice(firstFailure, firstFailure + 5))).toEqual([2000, 4000, 8000, 1000]);
    expect(result.current.phase).toBe('in-progress');
    expect(result.current.error).toBeNull();
  });

  it("should wait for Basiq's Retry-After before polling again", async () => {
    const { bed, jobId, t0 } = start({ stepMs: { 'verify-credentials': 120_000 } });
    renderHook(() => useJob(jobId), { wrapper: bed.wrapper });
    await advance(2000);
    bed.control.failNext(1, 429, { retryAfter: 45 });
    await advance(50_000);
    const times = pollTimes(bed, jobId, t0);
    const failed = bed.control.requests().findIndex((r) => r.status === 429);
    expect(times[failed + 1]! - times[failed]!).toBe(45_000);
  });

  it('should stop polling on a 404 and return the error', async () => {
    const { bed, jobId } = start({ stepMs: { 'verify-credentials': 120_000 } });
    const { result } = renderHook(() => useJob(jobId), { wrapper: bed.wrapper });
    await advance(2000);
    bed.control.failNext(1, 404);
    await advance(1000);
    const polls = bed.jobPolls(jobId);
    await advance(60_000);
    expect(bed.jobPolls(jobId)).toBe(polls);
    expect(result.current.error).toBeInstanceOf(BasiqApiError);
    expect((result.current.error as BasiqApiError).status).toBe(404);
  });

  it('should not re-render a component reading phase when polls return the same job', async () => {
    const { bed, jobId } = start({
      stepMs: {
        'verify-credentials': 1000,
        'retrieve-accounts': 1000,
        'retrieve-transactions': 600_000,
      },
    });
    let renders = 0;
    function Phase() {
      renders += 1;
      return <p>{useJob(jobId).phase ?? 'loading'}</p>;
    }
    render(<Phase />, { wrapper: bed.wrapper });
    await advance(5000);
    expect(screen.getByText('in-progress')).toBeTruthy();
    const [rendersBefore, pollsBefore] = [renders, bed.jobPolls(jobId)];
    await advance(150_000);
    expect(bed.jobPolls(jobId) - pollsBefore).toBeGreaterThanOrEqual(20);
    expect(renders).toBe(rendersBefore);
  });

  it('should poll a job that never changes less and less often, down to every 30 s', async () => {
    const { bed, jobId, t0 } = start({ stepMs: { 'verify-credentials': 3_600_000 } });
    renderHook(() => useJob(jobId, { maxPollMs: Infinity }), { wrapper: bed.wrapper });
    await advance(900_000);
    const times = pollTimes(bed, jobId, t0);
    const spacing = gaps(times);
    expect(spacing.slice(0, 59).every((gap) => gap === 1000)).toBe(true);
    expect(spacing.every((gap, i) => i === 0 || gap >= spacing[i - 1]!)).toBe(true);
    expect(spacing.at(-1)).toBe(30_000);
    // A fixed 1 s loop would have sent 900.
    expect(times.length).toBeLessThan(130);
  });

  it('should stop polling after maxPollMs with a BasiqPollTimeoutError, and look again on refetch', async () => {
    const { bed, jobId } = start({ stepMs: { 'verify-credentials': 3_600_000 } });
    const { result } = renderHook(() => useJob(jobId, { maxPollMs: 120_000 }), {
      wrapper: bed.wrapper,
    });
    await advance(130_000);
    expect(result.current.error).toBeInstanceOf(BasiqPollTimeoutError);
    expect(result.current.error).toMatchObject({ jobId, maxPollMs: 120_000 });
    expect((result.current.error as BasiqPollTimeoutError).job.id).toBe(jobId);
    expect(result.current.error?.message).toMatch(/still running after 2 min/);
    // The job as last seen stays available.
    expect(result.current.phase).toBe('in-progress');
    const polls = bed.jobPolls(jobId);
    await advance(600_000);
    expect(bed.jobPolls(jobId)).toBe(polls);

    act(() => void result.current.refetch());
    await advance(100);
    expect(result.current.error).toBeNull();
    expect(bed.jobPolls(jobId)).toBe(polls + 1);
    // Polling goes on (at the stuck job's 30 s pace) for another maxPollMs.
    await advance(60_000);
    expect(bed.jobPolls(jobId)).toBe(polls + 3);
  });

  it("should take maxPollMs from the provider, and not count time waiting for the user's MFA answer", async () => {
    vi.useFakeTimers();
    const bed = createTestbed(server, { provider: { maxPollMs: 60_000 } });
    const { jobId } = bed.control.createJob({
      userId: USER,
      scenario: 'mfa-token',
      stepMs: { 'verify-credentials': 1000, 'retrieve-accounts': 3_600_000 },
    });
    const { result } = renderHook(() => ({ job: useJob(jobId), submit: useSubmitMfa(jobId) }), {
      wrapper: bed.wrapper,
    });
    await advance(2000);
    expect(result.current.job.phase).toBe('mfa-required');
    // 90 s pass before the user answers: no polling, and no timeout.
    await advance(90_000);
    expect(result.current.job.error).toBeNull();
    await act(() => result.current.submit.mutateAsync(['123456']));
    await advance(30_000);
    expect(result.current.job.error).toBeNull();
    expect(result.current.job.phase).toBe('in-progress');
    await advance(40_000);
    expect(result.current.job.error).toBeInstanceOf(BasiqPollTimeoutError);
  });
});
