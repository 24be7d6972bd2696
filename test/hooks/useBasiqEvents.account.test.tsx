import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  basiqKeys,
  ConsentList,
  useAuthLink,
  useConsentLauncher,
  useCreateAuthLink,
  useDeleteAuthLink,
  useJob,
  type BasiqFlowEvent,
  type Consent,
} from '../../src';
import { advance, consents, createFaultbed, USER } from '../faults/faultbed';
import { recordEvents } from '../support/flowEvents';
import { setupMswServer } from '../support/server';
import { stubAssign } from '../support/stubAssign';

const server = setupMswServer();

/** A recording provider on the mock (fake timers). */
function setup(provider: Parameters<typeof createFaultbed>[1] = {}) {
  const recorded = recordEvents();
  const bed = createFaultbed(server, {
    ...provider,
    provider: { onEvent: recorded.onEvent, ...provider.provider },
  });
  return { bed, ...recorded };
}

const only = <T extends BasiqFlowEvent['type']>(events: BasiqFlowEvent[], type: T) =>
  events.filter((event): event is Extract<BasiqFlowEvent, { type: T }> => event.type === type);

describe('useBasiqEvents (consents, auth links, launches, failed requests)', () => {
  it('should tell a revoked consent once, with the user and the consent', async () => {
    const { bed, lines, events } = setup();
    await consents.show(bed, { latencyMs: 200 });
    const [consent] = bed.queryClient.getQueryData<Consent[]>(basiqKeys.consents(USER))!;
    consents.revokeFirst();
    await advance(2000);
    expect(bed.statuses('DELETE', /\/consents\//)).toEqual([204]);
    expect(consents.items()).toHaveLength(0);
    expect(lines()).toEqual(['consent-revoked']);
    expect(events[0]).toMatchObject({ userId: USER, consentId: consent!.id });
  });

  it('should tell a refused revoke as request-failed, not as revoked', async () => {
    const { bed, lines } = setup();
    await consents.show(bed, { ui: <ConsentList userId={USER} /> });
    bed.control.failNext(1, 503, { path: `/users/${USER}/consents` });
    consents.revokeFirst();
    await advance(2000);
    expect(consents.statuses()).toEqual(['active']);
    expect(lines()).toEqual(['request-failed BasiqApiError 503 service-unavailable']);
  });

  it('should tell an auth link created, with when it expires, then deleted', async () => {
    const { bed, lines, events } = setup();
    bed.control.createUser({ id: USER, mobile: '+61400000000' });
    const { result } = renderHook(
      () => ({
        link: useAuthLink(USER),
        create: useCreateAuthLink(USER),
        remove: useDeleteAuthLink(USER),
      }),
      { wrapper: bed.wrapper },
    );
    await advance(100);
    act(() => result.current.create.mutate());
    await advance(100);
    const { expiresAt } = result.current.link.data!;
    act(() => result.current.remove.mutate());
    await advance(100);
    expect(result.current.link.data).toBeNull();
    expect(lines()).toEqual(['auth-link-created expiresAt', 'auth-link-deleted']);
    expect(only(events, 'auth-link-created')[0]).toMatchObject({ userId: USER, expiresAt });
    expect(expiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.stringify(events)).not.toContain('+61400000000');
  });

  it('should tell a failed query once, with the error name, status, code and correlation id only', async () => {
    const { bed, events } = setup();
    const { result } = renderHook(() => useJob('no-such-job'), { wrapper: bed.wrapper });
    await advance(5000);
    expect(result.current.isError).toBe(true);
    expect(events).toHaveLength(1);
    const [failed] = only(events, 'request-failed');
    expect(Object.keys(failed!).sort()).toEqual([
      'at',
      'code',
      'correlationId',
      'error',
      'status',
      'type',
    ]);
    expect(failed).toMatchObject({
      error: 'BasiqApiError',
      status: 404,
      code: 'resource-not-found',
      correlationId: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
  });

  it("should tell a dropped connection and a refused token by their reason, after the client's retries", async () => {
    const dropped = setup({ client: { retry: { attempts: 3, baseDelayMs: 10 } } });
    const jobId = dropped.bed.control.createJob({ userId: USER }).jobId;
    dropped.bed.control.dropNext(3, { path: `/jobs/${jobId}` });
    renderHook(() => useJob(jobId), { wrapper: dropped.bed.wrapper });
    await advance(500);
    expect(dropped.lines()).toEqual(['request-failed BasiqNetworkError null network']);
    expect(dropped.bed.polls(jobId)).toBe(3);

    const refused = setup({
      provider: { getToken: async () => dropped.bed.control.serverToken() },
    });
    renderHook(() => useJob(jobId), { wrapper: refused.bed.wrapper });
    await advance(500);
    expect(refused.lines()).toEqual(['request-failed BasiqTokenScopeError null wrong-scope']);
  });

  it('should tell a consent launch with its action and state, before the page navigates', async () => {
    const { bed, events, lines } = setup();
    const heardBeforeLeaving: string[][] = [];
    const assign = stubAssign(() => void heardBeforeLeaving.push(lines()));
    const { result } = renderHook(() => useConsentLauncher({ action: 'connect' }), {
      wrapper: bed.wrapper,
    });
    await act(() => result.current.open('manage'));
    expect(heardBeforeLeaving).toEqual([['consent-launch manage']]);
    const url = new URL(assign.mock.calls[0]![0]);
    expect(only(events, 'consent-launch')[0]).toMatchObject({
      action: 'manage',
      state: url.searchParams.get('state'),
    });
    expect(JSON.stringify(events)).not.toContain(url.searchParams.get('token'));
  });
});
