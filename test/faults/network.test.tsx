import { fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BasiqNetworkError, ConnectionStatus } from '../../src';
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

describe('connection reset', () => {
  it('should retry a GET whose connection was reset and show the job, with no error shown', async () => {
    const bed = createFaultbed(server, { client: { retry: { attempts: 3 } } });
    const jobId = startJob(bed.control, 'success', LONG);
    bed.control.dropNext(1, { path: '/jobs' });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1000);
    expect(status.phase()).toBe('in-progress');
    expect(bed.everShown(cs.loadError)).toBe(false);
    expect(bed.statuses('GET', `/jobs/${jobId}`).slice(0, 2)).toEqual([0, 200]);
  });

  it('should throw BasiqNetworkError (reason network, a one-line message) when every try is reset', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control);
    bed.control.dropNext(3, { path: '/jobs' });
    const error = await rejection(settle(bed.client({ retry: { attempts: 3 } }).getJob(jobId)));
    expect(error).toBeInstanceOf(BasiqNetworkError);
    expect(error).toMatchObject({ reason: 'network', method: 'GET', path: `/jobs/${jobId}` });
    expect((error as Error).message).toBe(
      `GET /jobs/${jobId}: no response; check the connection and try again`,
    );
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([0, 0, 0]);
  });

  it('should say the connection could not be checked after a reset, and show the job when the user presses Try again', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control, 'success', LONG);
    bed.control.dropNext(1, { path: '/jobs' });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(100);
    expect(status.phase()).toBe('error');
    expect(status.text()).toContain(cs.loadError);
    fireEvent.click(status.button(cs.retry)!);
    await advance(100);
    expect(status.phase()).toBe('in-progress');
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([0, 200]);
  });

  it('should tell the user an MFA answer whose connection was reset was not sent, keep it in the field, and accept it when sent again', async () => {
    const bed = createFaultbed(server, { client: { retry: { attempts: 3 } } });
    const jobId = startJob(bed.control);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    bed.control.dropNext(1, { path: `/jobs/${jobId}/mfa` });
    mfa.answer();
    await advance(1000);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([0]);
    expect(mfa.state()).toBe('wrong');
    expect(mfa.text()).toContain(mfaText.sendFailed);
    expect(status.phase()).toBe('mfa-required');
    // Ready to send again without typing it again.
    expect(mfa.field().value).toBe('123456');

    mfa.send();
    await advance(1500);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([0, 202]);
    expect(mfa.state()).toBe('accepted');
    await advance(10_000);
    expect(status.phase()).toBe('success');
  });

  it('should put a consent back with a message when the connection of its revoke is reset, and revoke it on the next try', async () => {
    const bed = createFaultbed(server);
    await consents.show(bed);
    bed.control.dropNext(1, { path: /\/consents\/[^/]+$/ });
    consents.revokeFirst();
    await advance(1000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([0]);
    expect(consents.items().map((item) => item.dataset.status)).toEqual(['active']);
    expect(consents.alerted()).toBe(consents.said('revokeFailed'));

    consents.revokeFirst();
    await advance(1000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([0, 204]);
    expect(consents.items()).toHaveLength(0);
  });
});

describe('timeout (latency above timeoutMs)', () => {
  it('should give up on a GET slower than timeoutMs, retry it, and show the job', async () => {
    const bed = createFaultbed(server, {
      client: { timeoutMs: 1000, retry: { attempts: 2, maxDelayMs: 500 } },
    });
    const t0 = Date.now();
    const jobId = startJob(bed.control, 'success', LONG);
    bed.control.setLatency(5000);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(900);
    expect(status.phase()).toBe('loading');
    // Only the first try is slow.
    bed.control.setLatency(0);
    await advance(800);
    expect(status.phase()).toBe('in-progress');
    expect(bed.everShown(cs.loadError)).toBe(false);
    const [first, second] = bed.times('GET', `/jobs/${jobId}`, t0);
    expect(first).toBe(0);
    expect(second).toBeGreaterThanOrEqual(1000);
    expect(second).toBeLessThan(1500);
  });

  it('should throw BasiqNetworkError (reason timeout) when every try times out', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control);
    bed.control.setLatency(5000);
    const client = bed.client({ timeoutMs: 1000, retry: { attempts: 2, maxDelayMs: 100 } });
    const error = await rejection(settle(client.getJob(jobId)));
    expect(error).toBeInstanceOf(BasiqNetworkError);
    expect(error).toMatchObject({ reason: 'timeout', method: 'GET', path: `/jobs/${jobId}` });
    expect((error as Error).message).toBe(
      `GET /jobs/${jobId}: timed out; check the connection and try again`,
    );
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toHaveLength(2);
  });

  it('should show the job moving on when an MFA answer timed out but reached the bank, without asking for it again', async () => {
    const bed = createFaultbed(server, { client: { timeoutMs: 1000 } });
    const jobId = startJob(bed.control);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    expect(status.phase()).toBe('mfa-required');
    bed.control.setLatency(3000);
    mfa.answer();
    await advance(100);
    bed.control.setLatency(0);
    await advance(1000);
    // No reply in time: the user is told, as the answer may not have arrived.
    expect(mfa.text()).toContain(mfaText.sendFailed);
    await advance(4000);
    // It did arrive: the job moved on, and the screen with it, without a second answer.
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([202]);
    expect(status.phase()).not.toBe('mfa-required');
    expect(mfa.form()).toBeNull();
    await advance(10_000);
    expect(status.phase()).toBe('success');
  });

  it('should put a consent back with a message when its revoke times out, and a second revoke removes it even though the first went through', async () => {
    const bed = createFaultbed(server, { client: { timeoutMs: 1000 } });
    await consents.show(bed);
    bed.control.setLatency(3000);
    consents.revokeFirst();
    await advance(100);
    bed.control.setLatency(200);
    await advance(1500);
    // Not confirmed in time: back in the list, with a message.
    expect(consents.statuses()).toEqual(['active']);
    expect(consents.alerted()).toBe(consents.said('revokeFailed'));
    await advance(2000);
    // Basiq did it after all; revoking again is safe and settles it.
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([204]);
    consents.revokeFirst();
    await advance(1000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([204, 204]);
    expect(consents.items()).toHaveLength(0);
    expect(consents.announced()).toBe(consents.said('revoked'));
  });
});
