import { fireEvent } from '@testing-library/react';
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

const LONG = { 'verify-credentials': 600_000 };
const STORM = 1000;

describe('401 storm', () => {
  it('should refresh the token at most once per request, even with retries on, and refuse with BasiqApiError (401)', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control);
    bed.control.failNext(STORM, 401);
    const client = bed.client({ retry: { attempts: 3 } });
    for (let call = 1; call <= 3; call++) {
      const error = await rejection(settle(client.getJob(jobId)));
      expect(error).toBeInstanceOf(BasiqApiError);
      expect(error).toMatchObject({ status: 401 });
      // The first token, then one refresh per request.
      expect(bed.tokenCalls()).toBe(1 + call);
      expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual(Array(2 * call).fill(401));
    }
  });

  it('should say the connection could not be checked and stop polling after one refresh, then show the job on Try again once it ends', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control, 'success', LONG);
    bed.control.failNext(2, 401, { path: '/jobs' });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(500);
    expect(status.phase()).toBe('error');
    expect(status.text()).toContain(cs.loadError);
    await advance(60_000, 1000);
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([401, 401]);
    expect(bed.tokenCalls()).toBe(2);

    fireEvent.click(status.button(cs.retry)!);
    await advance(200);
    expect(status.phase()).toBe('in-progress');
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([401, 401, 200]);
    expect(bed.tokenCalls()).toBe(2);
  });

  it('should fetch one new token in all when five watched jobs get 401s together, and send no more requests', async () => {
    const bed = createFaultbed(server);
    const jobIds = [1, 2, 3, 4, 5].map(() => startJob(bed.control, 'success', LONG));
    bed.render(<ConnectionStatus jobIds={jobIds} />);
    await advance(500);
    // Over a real network the five polls are in flight together.
    bed.control.setLatency(100);
    bed.control.failNext(STORM, 401);
    await advance(60_000, 1000);
    for (const jobId of jobIds) {
      expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([200, 401, 401]);
    }
    expect(bed.tokenCalls()).toBe(2);
    // The jobs shown so far stay on screen.
    expect(status.root().querySelectorAll('[data-phase="in-progress"]')).toHaveLength(5);
  });

  it('should tell the user an MFA answer refused by a 401 storm was not sent, and accept it when sent again', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    bed.control.failNext(2, 401, { path: `/jobs/${jobId}/mfa` });
    mfa.answer();
    await advance(500);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([401, 401]);
    expect(mfa.state()).toBe('wrong');
    expect(mfa.text()).toContain(mfaText.sendFailed);

    mfa.answer();
    await advance(1500);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([401, 401, 202]);
    expect(mfa.state()).toBe('accepted');
    expect(bed.tokenCalls()).toBe(2);
  });

  it('should put a consent back with a message when its revoke meets a 401 storm, and revoke it once the storm ends', async () => {
    const bed = createFaultbed(server);
    await consents.show(bed);
    bed.control.failNext(2, 401, { path: /\/consents\/[^/]+$/ });
    consents.revokeFirst();
    await advance(1000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([401, 401]);
    expect(consents.statuses()).toEqual(['active']);
    expect(consents.alerted()).toBe(consents.said('revokeFailed'));

    consents.revokeFirst();
    await advance(1000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([401, 401, 204]);
    expect(consents.items()).toHaveLength(0);
  });
});
