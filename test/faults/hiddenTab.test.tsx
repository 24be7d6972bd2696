import { focusManager } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionStatus } from '../../src';
import { setupMswServer } from '../support/server';
import { setHidden } from '../support/visibility';
import { advance, createFaultbed, cs, labels, mfa, startJob, status } from './faultbed';

const server = setupMswServer();
afterEach(() => {
  Reflect.deleteProperty(document, 'visibilityState');
  focusManager.setFocused(undefined);
});

const TEN_MINUTES = 10 * 60_000;

describe('tab hidden for 10 minutes', () => {
  it('should send no job request while the tab is hidden, and check the job at once when it is shown again', async () => {
    const bed = createFaultbed(server);
    const t0 = Date.now();
    const jobId = startJob(bed.control, 'success', {
      'verify-credentials': 60_000,
      'retrieve-accounts': 1000,
      'retrieve-transactions': 1000,
    });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    setHidden(true);
    const polls = bed.polls(jobId);
    await advance(TEN_MINUTES, 1000);
    expect(bed.polls(jobId)).toBe(polls);

    setHidden(false);
    await advance(100);
    expect(bed.times('GET', `/jobs/${jobId}`, t0).at(-1)).toBe(TEN_MINUTES + 1500);
    expect(status.phase()).toBe('success');
    expect(status.text()).toContain(labels.phase.success);
  });

  it("should fetch one fresh token when the tab comes back after the token's life, sending nothing with the expired one", async () => {
    const bed = createFaultbed(server, { mock: { tokenTtlSeconds: 300 } });
    const jobId = startJob(bed.control, 'success', { 'verify-credentials': 60 * 60_000 });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    expect(bed.tokenCalls()).toBe(1);
    setHidden(true);
    await advance(TEN_MINUTES, 1000);
    setHidden(false);
    await advance(100);
    expect(bed.tokenCalls()).toBe(2);
    expect(bed.control.requests().map((r) => r.status)).not.toContain(403);
    expect(bed.statuses('GET', `/jobs/${jobId}`).at(-1)).toBe(200);
    expect(status.phase()).toBe('in-progress');
  });

  it('should not count the hidden time against maxPollMs: polling resumes instead of timing out', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control, 'success', { 'verify-credentials': 60 * 60_000 });
    bed.render(<ConnectionStatus jobId={jobId} maxPollMs={5 * 60_000} />);
    await advance(60_000, 1000);
    setHidden(true);
    await advance(TEN_MINUTES, 1000);
    setHidden(false);
    await advance(30_000, 1000);
    expect(status.phase()).toBe('in-progress');
    expect(status.button(cs.checkAgain)).toBeNull();
    expect(bed.everShown(cs.stalled)).toBe(false);
    const polls = bed.polls(jobId);
    await advance(60_000, 1000);
    expect(bed.polls(jobId)).toBeGreaterThan(polls);
  });

  it('should show that time ran out when the tab comes back after the MFA deadline, and send no answer', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    expect(mfa.state()).toBe('idle');
    setHidden(true);
    await advance(TEN_MINUTES, 1000);
    setHidden(false);
    await advance(100);
    expect(status.phase()).toBe('failed');
    expect(status.text()).toContain(cs.failure.timedOut.message);
    expect(status.text()).toContain(cs.failure.timedOut.action);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([]);
  });
});
