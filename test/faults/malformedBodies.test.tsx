import { fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BasiqResponseError, ConnectionStatus, ConsentList } from '../../src';
import { setupMswServer } from '../support/server';
import {
  advance,
  consents,
  consentText,
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

const LONG = { 'verify-credentials': 600_000 };

describe('malformed bodies', () => {
  for (const kind of ['empty', 'html', 'truncated'] as const) {
    it(`should say the connection could not be checked for a 200 with an ${kind} job body, then show the job at the next poll`, async () => {
      const bed = createFaultbed(server, { client: { retry: { attempts: 3 } } });
      const jobId = startJob(bed.control, 'success', LONG);
      bed.control.malformNext(kind, { path: '/jobs' });
      bed.render(<ConnectionStatus jobId={jobId} />);
      await advance(200);
      expect(status.phase()).toBe('error');
      expect(status.text()).toContain(cs.loadError);
      await advance(2000);
      expect(status.phase()).toBe('in-progress');
      expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([200, 200]);
    });
  }

  it('should refuse a job body it cannot read with BasiqResponseError (status 200, a one-line message), without retrying it', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control);
    bed.control.malformNext('html', { path: '/jobs' });
    const error = await rejection(settle(bed.client({ retry: { attempts: 3 } }).getJob(jobId)));
    expect(error).toBeInstanceOf(BasiqResponseError);
    expect(error).toMatchObject({ status: 200, method: 'GET', path: `/jobs/${jobId}` });
    expect((error as Error).message).toBe(
      `GET /jobs/${jobId}: 200 with a body that is not JSON; a proxy may be in the way`,
    );
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([200]);
  });

  it('should keep showing the job (no error) when one poll mid-job gets a truncated body', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control, 'success', LONG);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    bed.control.malformNext('truncated', { path: '/jobs' });
    await advance(5000);
    expect(status.phase()).toBe('in-progress');
    expect(bed.everShown(cs.loadError)).toBe(false);
    expect(bed.control.requests().filter((r) => r.method === 'GET').length).toBeGreaterThan(3);
  });

  it('should say the consents could not be loaded for a truncated list, and list them on Try again', async () => {
    const bed = createFaultbed(server);
    bed.control.createJob({ userId: USER });
    bed.control.malformNext('truncated', { path: '/users' });
    bed.render(<ConsentList userId={USER} />);
    await advance(200);
    expect(consents.root().dataset.state).toBe('error');
    expect(consents.root().textContent).toContain(consentText.loadFailed);
    fireEvent.click(consents.root().querySelector('button')!);
    await advance(200);
    expect(consents.statuses()).toEqual(['active']);
  });

  it('should not tell the user an MFA answer was not sent when Basiq accepted it (202) with an unreadable body, and show the job moving on', async () => {
    const bed = createFaultbed(server);
    const jobId = startJob(bed.control);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1500);
    bed.control.malformNext('html', { path: `/jobs/${jobId}/mfa` });
    mfa.answer();
    await advance(200);
    expect(bed.statuses('POST', `/jobs/${jobId}/mfa`)).toEqual([202]);
    await advance(10_000);
    expect(status.phase()).toBe('success');
    expect(bed.everShown(mfaText.sendFailed)).toBe(false);
  });

  it('should not tell the user a revoke failed when Basiq did it (204) but the answer was unreadable', async () => {
    const bed = createFaultbed(server);
    await consents.show(bed);
    bed.control.malformNext('html', { path: /\/consents\/[^/]+$/ });
    consents.revokeFirst();
    await advance(1000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([200]);
    expect(consents.items()).toHaveLength(0);
    expect(bed.everShown(consents.said('revokeFailed'))).toBe(false);
  });
});
