import { act, renderHook } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { BasiqApiError, useJob, useSubmitMfa, type JobPhase } from '../../src';
import type { CreateJobOptions } from '../../src/testing';
import {
  advance as advanceAtOnce,
  createTestbed,
  USER,
  type Testbed,
} from '../support/basiqTestbed';

// In short `act` steps: React 18 renders an external store's updates once per `act` scope, and
// these tests record every phase of the job, the brief ones included (React 19 renders each).
const advance = async (ms: number) => {
  for (let done = 0; done < ms; done += 100) await advanceAtOnce(Math.min(100, ms - done));
};
import { setupMswServer } from '../support/server';

const server = setupMswServer();

const STEPS = {
  'verify-credentials': 1000,
  'mfa-verify': 3000,
  'retrieve-accounts': 2000,
  'retrieve-transactions': 2000,
};

/** Fake timers, a job, and a hook watching it with useJob + useSubmitMfa; phases it went through. */
async function start(scenario: CreateJobOptions['scenario'] = 'mfa-token') {
  vi.useFakeTimers();
  const bed = createTestbed(server);
  const { jobId } = bed.control.createJob({ userId: USER, scenario, stepMs: STEPS });
  const phases: Array<JobPhase | undefined> = [];
  const { result } = renderHook(
    () => {
      const job = useJob(jobId);
      const { phase } = job;
      useEffect(() => void phases.push(phase), [phase]);
      return { job, submit: useSubmitMfa(jobId) };
    },
    { wrapper: bed.wrapper },
  );
  await advance(2000);
  expect(result.current.job.phase).toBe('mfa-required');
  return { bed, jobId, result, phases };
}

/** The requests since `from`, as `METHOD path +ms` relative to `t`. */
const requestsSince = (bed: Testbed, from: number, t: number) =>
  bed.control
    .requests()
    .slice(from)
    .map((r) => `${r.method} ${r.path} +${r.time - t}`);

const posts = (bed: Testbed, jobId: string) =>
  bed.control.requests().filter((r) => r.method === 'POST' && r.path === `/jobs/${jobId}/mfa`)
    .length;

describe('useSubmitMfa', () => {
  it('should send no request while the challenge waits for the answer', async () => {
    const { bed, jobId, result } = await start();
    const polls = bed.jobPolls(jobId);
    await advance(30_000);
    expect(bed.jobPolls(jobId)).toBe(polls);
    expect(result.current.job.mfa?.prompts).toHaveLength(1);
  });

  it('should post the answer once, refetch at once, poll fast, then succeed', async () => {
    const { bed, jobId, result, phases } = await start();
    await advance(10_000);
    const [from, t] = [bed.control.requests().length, Date.now()];
    act(() => result.current.submit.mutate(['123456']));
    await advance(3000);
    expect(requestsSince(bed, from, t)).toEqual([
      `POST /jobs/${jobId}/mfa +0`,
      `GET /jobs/${jobId} +0`,
      `GET /jobs/${jobId} +1000`,
      `GET /jobs/${jobId} +2000`,
      `GET /jobs/${jobId} +3000`,
    ]);
    expect(result.current.submit.isSuccess).toBe(true);
    await advance(10_000);
    expect(result.current.job.phase).toBe('success');
    expect(phases).toEqual([undefined, 'in-progress', 'mfa-required', 'in-progress', 'success']);
    expect(posts(bed, jobId)).toBe(1);
  });

  it('should show a new challenge after a wrong answer, then succeed with the right one', async () => {
    const { bed, jobId, result, phases } = await start();
    const asked = result.current.job.job!.updated!;
    act(() => result.current.submit.mutate(['000000']));
    await advance(5000);
    expect(result.current.job.phase).toBe('mfa-required');
    expect(result.current.job.mfa?.method).toBe('token');
    expect(Date.parse(result.current.job.job!.updated!)).toBeGreaterThan(Date.parse(asked));
    const polls = bed.jobPolls(jobId);
    await advance(30_000);
    expect(bed.jobPolls(jobId)).toBe(polls);

    act(() => result.current.submit.mutate(['123456']));
    await advance(15_000);
    expect(result.current.job.phase).toBe('success');
    expect(phases).toEqual([
      undefined,
      'in-progress',
      'mfa-required',
      'in-progress',
      'mfa-required',
      'in-progress',
      'success',
    ]);
    expect(posts(bed, jobId)).toBe(2);
  });

  it('should get through mfa-wrong-then-right by answering twice', async () => {
    const { result } = await start('mfa-wrong-then-right');
    act(() => result.current.submit.mutate(['123456']));
    await advance(5000);
    expect(result.current.job.phase).toBe('mfa-required');
    act(() => result.current.submit.mutate(['123456']));
    await advance(15_000);
    expect(result.current.job.phase).toBe('success');
  });

  it('should send one answer per security question', async () => {
    const { result } = await start('mfa-questions');
    expect(result.current.job.mfa).toMatchObject({ method: 'security-questions' });
    expect(result.current.job.mfa?.prompts).toHaveLength(3);
    act(() => result.current.submit.mutate(['123456', '123456', '123456']));
    await advance(15_000);
    expect(result.current.submit.isSuccess).toBe(true);
    expect(result.current.job.phase).toBe('success');
  });

  it('should post once when mutate is called twice at once', async () => {
    const { bed, jobId, result } = await start();
    act(() => {
      result.current.submit.mutate(['123456']);
      result.current.submit.mutate(['123456']);
    });
    await advance(15_000);
    expect(posts(bed, jobId)).toBe(1);
    expect(result.current.submit.isSuccess).toBe(true);
    expect(result.current.job.phase).toBe('success');
  });

  it('should post once when two components submit at once', async () => {
    vi.useFakeTimers();
    const bed = createTestbed(server);
    const { jobId } = bed.control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: STEPS });
    const { result } = renderHook(
      () => ({ job: useJob(jobId), a: useSubmitMfa(jobId), b: useSubmitMfa(jobId) }),
      { wrapper: bed.wrapper },
    );
    await advance(2000);
    act(() => {
      result.current.a.mutate(['123456']);
      result.current.b.mutate(['123456']);
    });
    await advance(15_000);
    expect(posts(bed, jobId)).toBe(1);
    expect([result.current.a.isSuccess, result.current.b.isSuccess]).toEqual([true, true]);
    expect(result.current.job.phase).toBe('success');
  });

  it('should return a BasiqApiError when the post fails, and let the answer be sent again', async () => {
    const { bed, jobId, result } = await start();
    const polls = bed.jobPolls(jobId);
    bed.control.failNext(1, 500, { path: '/jobs' });
    act(() => result.current.submit.mutate(['123456']));
    await advance(5000);
    expect(result.current.submit.error).toBeInstanceOf(BasiqApiError);
    expect((result.current.submit.error as BasiqApiError).status).toBe(500);
    expect(posts(bed, jobId)).toBe(1);
    expect(bed.jobPolls(jobId)).toBe(polls);
    expect(result.current.job.phase).toBe('mfa-required');

    act(() => result.current.submit.mutate(['123456']));
    await advance(15_000);
    expect(posts(bed, jobId)).toBe(2);
    expect(result.current.submit.error).toBeNull();
    expect(result.current.job.phase).toBe('success');
  });

  it('should watch the job after a 502 to the answer, which may have reached Basiq, and stop when the challenge stays', async () => {
    const { bed, jobId, result } = await start();
    const polls = bed.jobPolls(jobId);
    bed.control.failNext(1, 502, { path: '/jobs' });
    act(() => result.current.submit.mutate(['123456']));
    await advance(5000);
    expect((result.current.submit.error as BasiqApiError).status).toBe(502);
    expect(bed.jobPolls(jobId)).toBeGreaterThan(polls);
    await advance(15_000);
    const settled = bed.jobPolls(jobId);
    await advance(60_000);
    expect(bed.jobPolls(jobId)).toBe(settled);
    expect(result.current.job.phase).toBe('mfa-required');
  });

  it('should return the 400 of a wrong number of answers, and let the answer be sent again', async () => {
    const { bed, jobId, result } = await start();
    act(() => result.current.submit.mutate(['123456', '123456']));
    await advance(1000);
    expect(result.current.submit.error).toBeInstanceOf(BasiqApiError);
    expect((result.current.submit.error as BasiqApiError).status).toBe(400);
    expect(result.current.job.phase).toBe('mfa-required');

    act(() => result.current.submit.mutate(['123456']));
    await advance(15_000);
    expect(posts(bed, jobId)).toBe(2);
    expect(result.current.job.phase).toBe('success');
  });
});
