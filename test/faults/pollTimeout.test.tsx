import { useQuery } from '@tanstack/react-query';
import { fireEvent, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  BasiqPollTimeoutError,
  ConnectionStatus,
  jobQueryOptions,
  useBasiqClient,
  useJob,
} from '../../src';
import { setupMswServer } from '../support/server';
import { advance, createFaultbed, cs, labels, startJob, status } from './faultbed';

const server = setupMswServer();

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A job that signs in, then retrieves transactions for a day. */
const STUCK = {
  'verify-credentials': 1000,
  'retrieve-accounts': 1000,
  'retrieve-transactions': DAY,
};

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('a job that never finishes', () => {
  it('should poll less and less often (at most every 30 s) while the job stays the same, then stop at maxPollMs and say it is taking longer than usual, with Check again', async () => {
    const bed = createFaultbed(server);
    const t0 = Date.now();
    const jobId = startJob(bed.control, 'success', STUCK);
    bed.render(<ConnectionStatus jobId={jobId} maxPollMs={10 * MINUTE} />);
    await advance(10 * MINUTE + 30_000, 1000);
    const times = bed.times('GET', `/jobs/${jobId}`, t0);
    const waits = gaps(times);
    // Never faster than before, never over 30 s, and 30 s apart by the end.
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(Math.max(...waits)).toBe(30_000);
    expect(waits.slice(-3)).toEqual([30_000, 30_000, 30_000]);
    // A fixed 2 s loop would have sent 300.
    expect(times.length).toBeLessThan(60);
    expect(times.at(-1)).toBeGreaterThanOrEqual(10 * MINUTE);

    expect(status.phase()).toBe('timed-out');
    expect(status.text()).toContain(cs.stalled);
    expect(status.button(cs.checkAgain)).not.toBeNull();
    // The job as last seen stays on screen.
    expect(status.steps().at(-1)).toBe(
      `${labels.steps['retrieve-transactions']}: ${cs.stepStatus['in-progress']}`,
    );
    const polls = bed.polls(jobId);
    await advance(30 * MINUTE, 5000);
    expect(bed.polls(jobId)).toBe(polls);
  });

  it('should look again on Check again and keep polling for a new maxPollMs', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control, 'success', STUCK);
    bed.render(<ConnectionStatus jobId={jobId} maxPollMs={2 * MINUTE} />);
    await advance(3 * MINUTE, 1000);
    expect(status.phase()).toBe('timed-out');
    const polls = bed.polls(jobId);

    fireEvent.click(status.button(cs.checkAgain)!);
    await advance(200);
    expect(bed.polls(jobId)).toBe(polls + 1);
    expect(status.phase()).toBe('in-progress');
    expect(status.button(cs.checkAgain)).toBeNull();
    await advance(MINUTE, 1000);
    expect(bed.polls(jobId)).toBeGreaterThan(polls + 1);
    expect(status.phase()).toBe('in-progress');
    await advance(2 * MINUTE, 1000);
    expect(status.phase()).toBe('timed-out');
  });

  it('should show the job connected when Check again finds it finished', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control, 'success', {
      ...STUCK,
      'retrieve-transactions': 20 * MINUTE,
    });
    bed.render(<ConnectionStatus jobId={jobId} maxPollMs={10 * MINUTE} />);
    await advance(25 * MINUTE, 5000);
    expect(status.phase()).toBe('timed-out');
    fireEvent.click(status.button(cs.checkAgain)!);
    await advance(200);
    expect(status.phase()).toBe('success');
    expect(status.text()).toContain(labels.phase.success);
    expect(status.text()).not.toContain(cs.stalled);
  });

  it('should fail useJob with BasiqPollTimeoutError (jobId, maxPollMs, the job as last seen) after its maxPollMs, and poll no more', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control, 'success', STUCK);
    const { result } = renderHook(() => useJob(jobId, { maxPollMs: 3 * MINUTE }), {
      wrapper: bed.wrapper,
    });
    await advance(3 * MINUTE + 30_000, 1000);
    expect(result.current.error).toBeInstanceOf(BasiqPollTimeoutError);
    expect(result.current.error).toMatchObject({ jobId, maxPollMs: 3 * MINUTE });
    expect((result.current.error as BasiqPollTimeoutError).job).toMatchObject({
      id: jobId,
      phase: 'in-progress',
    });
    expect(result.current.phase).toBe('in-progress');
    const polls = bed.polls(jobId);
    await advance(10 * MINUTE, 5000);
    expect(bed.polls(jobId)).toBe(polls);
  });

  it("should apply <BasiqProvider maxPollMs> to useJob, and jobQueryOptions' maxPollMs to useQuery", async () => {
    const bed = createFaultbed(server, { provider: { maxPollMs: 2 * MINUTE } });
    const viaProvider = startJob(bed.control, 'success', STUCK);
    const viaFactory = startJob(bed.control, 'success', STUCK);
    const { result } = renderHook(
      () => ({
        job: useJob(viaProvider),
        query: useQuery(jobQueryOptions(useBasiqClient(), viaFactory, { maxPollMs: 4 * MINUTE })),
      }),
      { wrapper: bed.wrapper },
    );
    await advance(2 * MINUTE + 30_000, 1000);
    expect(result.current.job.error).toBeInstanceOf(BasiqPollTimeoutError);
    expect(result.current.query.error).toBeNull();
    await advance(2 * MINUTE, 1000);
    expect(result.current.query.error).toBeInstanceOf(BasiqPollTimeoutError);
  });

  it('should stop polling a job that never finishes after 15 minutes by default', async () => {
    const bed = createFaultbed(server);
    const t0 = Date.now();
    const jobId = startJob(bed.control, 'success', STUCK);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(14 * MINUTE, 5000);
    expect(status.phase()).toBe('in-progress');
    await advance(2 * MINUTE, 5000);
    expect(status.phase()).toBe('timed-out');
    const last = bed.times('GET', `/jobs/${jobId}`, t0).at(-1)!;
    expect(last).toBeGreaterThanOrEqual(15 * MINUTE);
    expect(last).toBeLessThan(15 * MINUTE + 30_000);
  });
});
