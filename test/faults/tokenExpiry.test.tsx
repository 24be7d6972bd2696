import { describe, expect, it } from 'vitest';
import { BasiqApiError, ConnectionStatus, type TokenResult } from '../../src';
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
  USER,
} from './faultbed';

const server = setupMswServer();

const HOUR = 3_600_000;
// Steps long enough that jumping the mock's clock past a token's life leaves the job running.
const LONG = { 'verify-credentials': 10 * HOUR };

/**
 * Basiq's clock runs two hours ahead of the browser's: the token the client holds (an hour
 * left by its own clock) is expired for Basiq, which answers 403 "Token has expired".
 */
const expireTokensAtBasiq = (bed: ReturnType<typeof createFaultbed>) =>
  bed.control.advance(2 * HOUR);

describe('token expiring mid-poll (403 "Token has expired")', () => {
  it('should fetch one new token and keep showing the job, with no error shown', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control, 'success', LONG);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    expect(bed.tokenCalls()).toBe(1);
    expireTokensAtBasiq(bed);
    await advance(1000);
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([200, 200, 403, 200]);
    expect(bed.tokenCalls()).toBe(2);
    expect(status.phase()).toBe('in-progress');
    expect(bed.everShown(cs.loadError)).toBe(false);
    await advance(3000);
    expect(bed.tokenCalls()).toBe(2);
  });

  it('should fetch exactly one new token when three watched jobs hit it on the same tick', async () => {
    const bed = createFaultbed(server);
    const jobIds = [1, 2, 3].map(() => startJob(bed.control, 'success', LONG));
    bed.render(<ConnectionStatus jobIds={jobIds} />);
    await advance(1500);
    // Over a real network the three polls are in flight together.
    bed.control.setLatency(100);
    expireTokensAtBasiq(bed);
    await advance(1000);
    expect(bed.control.requests().filter((r) => r.status === 403)).toHaveLength(3);
    expect(bed.tokenCalls()).toBe(2);
    for (const jobId of jobIds) expect(bed.statuses('GET', `/jobs/${jobId}`).at(-1)).toBe(200);
    expect(status.root().querySelectorAll('[data-phase="in-progress"]')).toHaveLength(3);
  });

  it('should send the MFA answer once more with a fresh token, and show it accepted', async () => {
    const bed = createFaultbed(server, { mock: { mfaExpiryMs: 10 * HOUR } });
    const jobId = startJob(bed.control);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    expect(mfa.state()).toBe('idle');
    expireTokensAtBasiq(bed);
    mfa.answer();
    await advance(500);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([403, 202]);
    expect(bed.tokenCalls()).toBe(2);
    expect(mfa.state()).not.toBe('wrong');
    await advance(2000);
    expect(mfa.state()).toBe('accepted');
    expect(mfa.text()).toContain(mfaText.accepted);
  });

  it('should tell the user the MFA answer was not sent when the token cannot be renewed, and accept it when sent again', async () => {
    let tokenEndpointUp = true;
    const mock: { control?: ReturnType<typeof createFaultbed>['control'] } = {};
    const getToken = async (): Promise<TokenResult> => {
      if (!tokenEndpointUp) throw new Error('token endpoint down');
      return mock.control!.clientToken(USER);
    };
    const bed = createFaultbed(server, {
      mock: { mfaExpiryMs: 10 * HOUR },
      provider: { getToken },
    });
    mock.control = bed.control;
    const jobId = startJob(bed.control);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    expireTokensAtBasiq(bed);
    tokenEndpointUp = false;
    mfa.answer();
    await advance(500);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([403]);
    expect(mfa.state()).toBe('wrong');
    expect(mfa.text()).toContain(mfaText.sendFailed);

    tokenEndpointUp = true;
    mfa.answer();
    await advance(1500);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([403, 202]);
    expect(mfa.state()).toBe('accepted');
  });

  it('should revoke a consent with a fresh token, and say it was revoked', async () => {
    const bed = createFaultbed(server);
    await consents.show(bed);
    expireTokensAtBasiq(bed);
    consents.revokeFirst();
    await advance(1000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([403, 204]);
    expect(bed.tokenCalls()).toBe(2);
    expect(consents.items()).toHaveLength(0);
    expect(consents.announced()).toBe(consents.said('revoked'));
  });

  it('should not fetch a new token for a 403 that is not about expiry, and refuse with BasiqApiError (403) saying the call needs the server', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control);
    const client = bed.client();
    await settle(client.getJob(jobId));
    bed.control.failNext(1, 403, { path: '/jobs' });
    const error = await rejection(settle(client.getJob(jobId)));
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error).toMatchObject({ status: 403 });
    expect((error as Error).message).toMatch(/make it from your server/);
    expect(bed.tokenCalls()).toBe(1);
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([200, 403]);
  });
});
