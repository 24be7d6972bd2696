import { describe, expect, it } from 'vitest';
import { BasiqApiError, ConnectionStatus } from '../../src';
import { setupMswServer } from '../support/server';
import {
  advance,
  consents,
  createFaultbed,
  cs,
  labels,
  mfa,
  mfaText,
  rejection,
  startJob,
  status,
} from './faultbed';

const server = setupMswServer();

// A whole second, so an HTTP date (which has no milliseconds) says exactly when.
const T0 = Date.UTC(2030, 0, 15, 9, 0, 0);

describe('429 Too Many Requests', () => {
  it('should wait Retry-After (seconds) and then return the job, with one retried request', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control);
    bed.control.failNext(1, 429, { path: '/jobs', retryAfter: 3 });
    const job = bed.client().getJob(jobId);
    job.catch(() => undefined);
    await advance(2999);
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([429]);
    await advance(1);
    await expect(job).resolves.toMatchObject({ id: jobId, phase: 'mfa-required' });
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([429, 200]);
  });

  it('should wait Retry-After (HTTP-date) and then show the job, with one retried request', async () => {
    const bed = createFaultbed(server, { at: T0, client: { retry: { attempts: 3 } } });
    const jobId = startJob(bed.control, 'success', { 'verify-credentials': 60_000 });
    const at = new Date(T0 + 5000).toUTCString();
    bed.control.failNext(1, 429, { path: '/jobs', retryAfter: at });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(4900);
    expect(status.phase()).toBe('loading');
    expect(status.text()).toContain(cs.loading);
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([429]);
    await advance(200);
    expect(status.phase()).toBe('in-progress');
    expect(status.steps()[0]).toBe(
      `${labels.steps['verify-credentials']}: ${cs.stepStatus['in-progress']}`,
    );
    expect(bed.times('GET', `/jobs/${jobId}`, T0)).toEqual([0, 5000]);
    expect(bed.everShown(cs.loadError)).toBe(false);
  });

  it('should say the connection could not be checked when Retry-After is longer than the client waits, then show the job after that wait on its own', async () => {
    const bed = createFaultbed(server, { client: { retry: { attempts: 3, maxDelayMs: 10_000 } } });
    const t0 = Date.now();
    const jobId = startJob(bed.control, 'success', { 'verify-credentials': 120_000 });
    bed.control.failNext(1, 429, { path: '/jobs', retryAfter: 60 });
    const refused = await rejection(bed.client({ retry: { maxDelayMs: 10_000 } }).getJob(jobId));
    expect(refused).toBeInstanceOf(BasiqApiError);
    expect(refused).toMatchObject({ status: 429, code: 'too-many-requests', retryAfterMs: 60_000 });

    bed.control.failNext(1, 429, { path: '/jobs', retryAfter: 60 });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(100);
    expect(status.phase()).toBe('error');
    expect(status.text()).toContain(cs.loadError);
    expect(status.button(cs.retry)).not.toBeNull();
    // Polling waits out the whole Retry-After: no request in between.
    await advance(59_800);
    expect(bed.times('GET', `/jobs/${jobId}`, t0)).toEqual([0, 0]);
    await advance(200);
    expect(status.phase()).toBe('in-progress');
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([429, 429, 200]);
  });

  it('should keep showing the job while a rate-limited poll waits out Retry-After, with no error shown', async () => {
    const bed = createFaultbed(server);
    const t0 = Date.now();
    const jobId = startJob(bed.control, 'success', { 'verify-credentials': 120_000 });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1000);
    expect(status.phase()).toBe('in-progress');
    bed.control.failNext(1, 429, { path: '/jobs', retryAfter: 20 });
    await advance(1000);
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([200, 200, 429]);
    await advance(19_000);
    expect(bed.times('GET', `/jobs/${jobId}`, t0)).toEqual([0, 1000, 2000]);
    expect(status.phase()).toBe('in-progress');
    expect(bed.everShown(cs.loadError)).toBe(false);
    await advance(1000);
    expect(bed.times('GET', `/jobs/${jobId}`, t0)).toEqual([0, 1000, 2000, 22_000]);
  });

  it('should tell the user a rate-limited MFA answer was not sent (never resent by itself), and accept it when sent again', async () => {
    const bed = createFaultbed(server, { client: { retry: { attempts: 3 } } });
    const jobId = startJob(bed.control);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    expect(mfa.state()).toBe('idle');
    bed.control.failNext(1, 429, { path: `/jobs/${jobId}/mfa`, retryAfter: 1 });
    mfa.answer('123456');
    await advance(5000);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([429]);
    expect(mfa.state()).toBe('wrong');
    expect(mfa.text()).toContain(mfaText.sendFailed);
    expect(status.phase()).toBe('mfa-required');

    mfa.answer('123456');
    await advance(1500);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([429, 202]);
    expect(mfa.state()).toBe('accepted');
    expect(mfa.text()).toContain(mfaText.accepted);
    await advance(10_000);
    expect(status.phase()).toBe('success');
  });

  it('should put a consent whose revoke was rate limited back in the list with a message, and revoke it on the next try', async () => {
    const bed = createFaultbed(server);
    await consents.show(bed);
    bed.control.failNext(1, 429, { path: /\/consents\/[^/]+$/, retryAfter: 1 });
    consents.revokeFirst();
    await advance(5000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([429]);
    expect(consents.items()).toHaveLength(1);
    expect(consents.items()[0]!.dataset.status).toBe('active');
    const failed = consents.said('revokeFailed');
    expect(consents.items()[0]!.textContent).toContain(failed);
    expect(consents.alerted()).toBe(failed);

    consents.revokeFirst();
    await advance(1000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([429, 204]);
    expect(consents.items()).toHaveLength(0);
    expect(consents.announced()).toBe(consents.said('revoked'));
  });
});
