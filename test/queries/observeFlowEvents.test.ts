import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  BasiqApiError,
  basiqKeys,
  BasiqNetworkError,
  normalizeJob,
  type AuthLink,
  type BasiqFlowEvent,
} from '../../src';
import { createEventHub } from '../../src/client/createEventHub';
import { createFlowEventTracker } from '../../src/queries/createFlowEventTracker';
import { observeFlowEvents } from '../../src/queries/observeFlowEvents';
import { describeEvent } from '../support/flowEvents';

const SECRET = 'Mr Smith of 1 Main St';

const apiError = (status: number, code: string) =>
  new BasiqApiError(`Basiq said: ${SECRET}`, {
    status,
    code,
    errors: [{ code, detail: SECRET }],
    correlationId: 'corr-9',
    method: 'POST',
    path: '/jobs/job-1/mfa',
  });

const asked = normalizeJob({
  id: 'job-1',
  steps: [
    { title: 'verify-credentials', status: 'success', result: null },
    {
      title: 'mfa-challenge',
      status: 'in-progress',
      result: { type: 'mfa', method: 'token', input: ['Code'], expiryMs: 60000 },
    },
  ],
});
const passed = normalizeJob({
  id: 'job-1',
  steps: [
    { title: 'verify-credentials', status: 'success', result: null },
    { title: 'mfa-challenge', status: 'success', result: null },
  ],
});

/** A QueryClient observed into a recording hub; `run` executes a mutation like a hook would. */
function setup() {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const events: BasiqFlowEvent[] = [];
  const hub = createEventHub();
  hub.subscribe((event) => events.push(event));
  const tracker = createFlowEventTracker(hub);
  const stop = observeFlowEvents(queryClient, tracker);
  const run = <T>(mutationKey: readonly unknown[], fn: () => Promise<T>, variables?: unknown) =>
    new MutationObserver<T, Error, unknown>(queryClient, { mutationKey, mutationFn: fn })
      .mutate(variables)
      .catch(() => undefined);
  const lines = () => events.map(describeEvent);
  return { queryClient, tracker, stop, run, lines, events };
}

describe('observeFlowEvents', () => {
  it('should read jobs from the data of job queries, once per change', () => {
    const { queryClient, lines } = setup();
    queryClient.setQueryData(basiqKeys.job('job-1'), asked);
    queryClient.setQueryData(basiqKeys.job('job-1'), structuredClone(asked));
    queryClient.setQueryData(basiqKeys.userJobs('u1'), [passed]);
    queryClient.setQueryData(['my-app', 'job', 'job-1'], passed);
    expect(lines()).toEqual([
      'job-step verify-credentials success',
      'job-step mfa-challenge in-progress',
      'mfa-required token 1',
    ]);
  });

  it('should tell a failed Basiq query once, without its message, and ignore other queries', async () => {
    const { queryClient, events } = setup();
    const fail = () => Promise.reject(apiError(503, 'service-unavailable'));
    await queryClient
      .fetchQuery({ queryKey: basiqKeys.consents('u1'), queryFn: fail })
      .catch(() => {});
    await queryClient.fetchQuery({ queryKey: ['my-app'], queryFn: fail }).catch(() => {});
    expect(events).toEqual([
      {
        type: 'request-failed',
        at: expect.any(Number),
        error: 'BasiqApiError',
        status: 503,
        code: 'service-unavailable',
        correlationId: 'corr-9',
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('Smith');
  });

  it('should tell nothing when a query is cancelled', async () => {
    const { queryClient, events } = setup();
    const fetching = queryClient
      .fetchQuery({ queryKey: basiqKeys.job('job-1'), queryFn: () => new Promise<never>(() => {}) })
      .catch(() => {});
    await queryClient.cancelQueries({ queryKey: basiqKeys.job('job-1') });
    await fetching;
    expect(events).toEqual([]);
  });

  it('should tell an MFA answer from the submitMfa mutation, judged against the cached job', async () => {
    const { queryClient, run, lines } = setup();
    queryClient.setQueryData(basiqKeys.job('job-1'), asked);
    await run(basiqKeys.submitMfa('job-1'), async () => ({ jobId: 'job-1' }), ['1']);
    queryClient.setQueryData(basiqKeys.job('job-1'), passed);
    expect(lines().slice(3)).toEqual([
      'mfa-submitted',
      'job-step mfa-challenge success',
      'mfa-accepted',
      'job-succeeded',
    ]);
  });

  it('should tell an answer Basiq refused to take as request-failed, and the next one as submitted again', async () => {
    const { queryClient, run, lines } = setup();
    queryClient.setQueryData(basiqKeys.job('job-1'), asked);
    await run(basiqKeys.submitMfa('job-1'), () =>
      Promise.reject(apiError(400, 'parameter-not-valid')),
    );
    await run(basiqKeys.submitMfa('job-1'), () =>
      Promise.reject(new BasiqNetworkError('gone', { reason: 'timeout' })),
    );
    await run(basiqKeys.submitMfa('job-1'), async () => ({ jobId: 'job-1' }));
    expect(lines().slice(3)).toEqual([
      'mfa-submitted',
      'request-failed BasiqApiError 400 parameter-not-valid',
      'mfa-submitted',
      'request-failed BasiqNetworkError null timeout',
      'mfa-submitted',
    ]);
  });

  it('should tell revokes and auth-link changes when their mutations succeed, and failures as request-failed', async () => {
    const { run, lines, events } = setup();
    const link: AuthLink = { userId: 'u1', expiresAt: '2026-01-01T00:00:00Z', links: {} };
    await run(basiqKeys.revokeConsent('u1'), async () => undefined, 'consent-7');
    await run(basiqKeys.createAuthLink('u1'), async () => link);
    await run(basiqKeys.deleteAuthLink('u1'), async () => undefined);
    await run(basiqKeys.deleteAuthLink('u1'), () =>
      Promise.reject(apiError(500, 'internal-server-error')),
    );
    await run(['my-app', 'save'], () => Promise.reject(new Error('not ours')));
    expect(lines()).toEqual([
      'consent-revoked',
      'auth-link-created expiresAt',
      'auth-link-deleted',
      'request-failed BasiqApiError 500 internal-server-error',
    ]);
    expect(events.slice(0, 3)).toMatchObject([
      { userId: 'u1', consentId: 'consent-7' },
      { userId: 'u1', expiresAt: link.expiresAt },
      { userId: 'u1' },
    ]);
  });

  it('should stop when told, and keep what it saw when observing again with the same tracker', () => {
    const { queryClient, tracker, stop, lines } = setup();
    queryClient.setQueryData(basiqKeys.job('job-1'), asked);
    stop();
    queryClient.setQueryData(basiqKeys.job('job-1'), passed);
    expect(lines()).toHaveLength(3);
    const stopAgain = observeFlowEvents(queryClient, tracker);
    queryClient.setQueryData(basiqKeys.job('job-1'), structuredClone(passed));
    stopAgain();
    expect(lines().slice(3)).toEqual(['job-step mfa-challenge success', 'job-succeeded']);
  });
});
