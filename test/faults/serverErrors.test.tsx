import { describe, expect, it } from 'vitest';
import { BasiqApiError, ConnectionStatus } from '../../src';
import { setupMswServer } from '../support/server';
import {
  advance,
  consents,
  createFaultbed,
  cs,
  mfa,
  mfaText,
  rejection,
  settle,
  startJob,
  status,
} from './faultbed';

const server = setupMswServer();

const LONG = { 'verify-credentials': 120_000 };

describe('5xx bursts (500, 502, 503, 504)', () => {
  for (const code of [500, 502, 503, 504]) {
    it(`should ride out a burst of two ${code}s inside one poll (GETs retried with backoff) and show the job`, async () => {
      const bed = createFaultbed(server, { client: { retry: { attempts: 3 } } });
      const jobId = startJob(bed.control, 'success', LONG);
      bed.control.failNext(2, code, { path: '/jobs' });
      bed.render(<ConnectionStatus jobId={jobId} />);
      await advance(3000);
      expect(status.phase()).toBe('in-progress');
      expect(bed.everShown(cs.loadError)).toBe(false);
      expect(bed.statuses('GET', `/jobs/${jobId}`).slice(0, 3)).toEqual([code, code, 200]);
    });
  }

  it('should throw BasiqApiError (status, code, correlationId) once a 503 burst outlasts the tries, after exactly that many tries', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control);
    bed.control.failNext(10, 503, { path: '/jobs' });
    const error = await rejection(settle(bed.client({ retry: { attempts: 3 } }).getJob(jobId)));
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error).toMatchObject({
      status: 503,
      code: 'service-unavailable',
      correlationId: expect.any(String),
      method: 'GET',
      path: `/jobs/${jobId}`,
    });
    expect((error as Error).message).toMatch(/^GET \/jobs\/\S+: 503 service-unavailable/);
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([503, 503, 503]);
  });

  it('should say the connection could not be checked while a burst outlasts the retries, then show the job on its own as polling backs off', async () => {
    const bed = createFaultbed(server, { client: { retry: { attempts: 2, maxDelayMs: 500 } } });
    const jobId = startJob(bed.control, 'success', LONG);
    bed.control.failNext(5, 502, { path: '/jobs' });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1000);
    expect(status.phase()).toBe('error');
    expect(status.text()).toContain(cs.loadError);
    expect(status.button(cs.retry)).not.toBeNull();
    // Poll failures back off (2 s, then 4 s): 2 + 2 + 1 tries, and no more.
    await advance(10_000);
    expect(bed.statuses('GET', `/jobs/${jobId}`).slice(0, 6)).toEqual([
      502, 502, 502, 502, 502, 200,
    ]);
    expect(status.phase()).toBe('in-progress');
    expect(status.text()).not.toContain(cs.loadError);
  });

  it('should keep showing the job (no error) while a 500 burst fails a few polls, and back off between them', async () => {
    const bed = createFaultbed(server);
    const t0 = Date.now();
    const jobId = startJob(bed.control, 'success', LONG);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1000);
    expect(status.phase()).toBe('in-progress');
    bed.control.failNext(3, 500, { path: '/jobs' });
    await advance(20_000);
    // 0 and 1 s fine; 2 s, 4 s (+2 s), 8 s (+4 s) fail; 16 s (+8 s) fine, then 1 s ticks.
    expect(bed.times('GET', `/jobs/${jobId}`, t0).slice(0, 7)).toEqual([
      0, 1000, 2000, 4000, 8000, 16_000, 17_000,
    ]);
    expect(status.phase()).toBe('in-progress');
    expect(bed.everShown(cs.loadError)).toBe(false);
  });

  it('should tell the user an MFA answer that met a 502 was not sent (POST never retried), and accept it when sent again', async () => {
    const bed = createFaultbed(server, { client: { retry: { attempts: 3 } } });
    const jobId = startJob(bed.control);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    expect(mfa.state()).toBe('idle');
    bed.control.failNext(1, 502, { path: `/jobs/${jobId}/mfa` });
    const t0 = Date.now();
    mfa.answer();
    await advance(100);
    // One look at the job after the failed send (the form and the hook share it).
    expect(bed.times('GET', `/jobs/${jobId}`, t0).filter((t) => t >= 0)).toEqual([0]);
    await advance(2900);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([502]);
    expect(mfa.state()).toBe('wrong');
    expect(mfa.text()).toContain(mfaText.sendFailed);
    expect(status.phase()).toBe('mfa-required');

    mfa.answer();
    await advance(1500);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([502, 202]);
    expect(mfa.state()).toBe('accepted');
    await advance(10_000);
    expect(status.phase()).toBe('success');
  });

  it('should put a consent back with a message when its revoke meets a 500 (DELETE never retried), and revoke it on the next try', async () => {
    const bed = createFaultbed(server, { client: { retry: { attempts: 3 } } });
    await consents.show(bed);
    bed.control.failNext(1, 500, { path: /\/consents\/[^/]+$/ });
    consents.revokeFirst();
    await advance(3000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([500]);
    expect(consents.items().map((item) => item.dataset.status)).toEqual(['active']);
    expect(consents.alerted()).toBe(consents.said('revokeFailed'));

    consents.revokeFirst();
    await advance(1000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([500, 204]);
    expect(consents.items()).toHaveLength(0);
    expect(consents.announced()).toBe(consents.said('revoked'));
  });
});
