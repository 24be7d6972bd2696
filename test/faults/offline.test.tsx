import { onlineManager } from '@tanstack/react-query';
import { act } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionStatus } from '../../src';
import { setupMswServer } from '../support/server';
import {
  advance,
  consents,
  createFaultbed,
  cs,
  labels,
  mfa,
  mfaText,
  startJob,
  status,
} from './faultbed';

const server = setupMswServer();
afterEach(() => onlineManager.setOnline(true));

/** What the browser fires when the network goes away and comes back. */
const goOffline = () => act(() => void window.dispatchEvent(new Event('offline')));
const goOnline = () => act(() => void window.dispatchEvent(new Event('online')));

describe('offline and back online', () => {
  it('should send no request while offline, keep showing the job as last seen, and check it at once when back online', async () => {
    const bed = createFaultbed(server);
    const t0 = Date.now();
    const jobId = startJob(bed.control, 'success', {
      'verify-credentials': 60_000,
      'retrieve-accounts': 1000,
      'retrieve-transactions': 1000,
    });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    goOffline();
    const polls = bed.polls(jobId);
    await advance(5 * 60_000, 1000);
    expect(bed.polls(jobId)).toBe(polls);
    expect(status.phase()).toBe('in-progress');
    expect(bed.everShown(cs.loadError)).toBe(false);

    goOnline();
    await advance(100);
    expect(bed.times('GET', `/jobs/${jobId}`, t0).at(-1)).toBe(5 * 60_000 + 1500);
    expect(status.phase()).toBe('success');
    expect(status.text()).toContain(labels.phase.success);
  });

  it('should hold an MFA answer given offline as being sent, send it once back online, and show it accepted', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    goOffline();
    mfa.answer();
    await advance(30_000, 1000);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([]);
    expect(mfa.state()).toBe('submitting');
    expect(mfa.text()).toContain(mfaText.sending);

    goOnline();
    await advance(1500);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([202]);
    expect(mfa.state()).toBe('accepted');
    await advance(10_000);
    expect(status.phase()).toBe('success');
    expect(bed.everShown(mfaText.sendFailed)).toBe(false);
  });

  it('should take a consent revoked offline out of the list at once, revoke it once back online, and say so', async () => {
    const bed = createFaultbed(server);
    await consents.show(bed);
    goOffline();
    consents.revokeFirst();
    await advance(60_000, 1000);
    expect(consents.items()).toHaveLength(0);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([]);

    goOnline();
    await advance(1000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([204]);
    expect(consents.items()).toHaveLength(0);
    expect(consents.announced()).toBe(consents.said('revoked'));
    expect(bed.everShown(consents.said('revokeFailed'))).toBe(false);
  });

  it('should check the job at once when back online after polls failed with the network down, instead of waiting out the backoff', async () => {
    const bed = createFaultbed(server);
    const t0 = Date.now();
    const jobId = startJob(bed.control, 'success', { 'verify-credentials': 60_000 });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(500);
    // The network fails before the browser notices: polls at 1, 3 and 7 s fail (backing off).
    bed.control.dropNext(3, { path: '/jobs' });
    await advance(8000);
    expect(bed.times('GET', `/jobs/${jobId}`, t0)).toEqual([0, 1000, 3000, 7000]);
    expect(status.phase()).toBe('in-progress');
    goOffline();
    await advance(1000);
    goOnline();
    await advance(100);
    // Not at 15 s: at once.
    expect(bed.times('GET', `/jobs/${jobId}`, t0).at(-1)).toBe(9500);
    expect(bed.statuses('GET', `/jobs/${jobId}`).at(-1)).toBe(200);
    expect(status.phase()).toBe('in-progress');
  });
});
