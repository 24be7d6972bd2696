import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as firstLoad from '../../src';
import type { ConsentRedirectResult } from '../../src';
import type { EventHub } from '../../src/client/createEventHub';
import * as firstContext from '../../src/hooks/basiqContext';
import { issueState, land, lastVisit } from '../support/consentRedirect';
import { clientToken } from '../support/jwt';
import { rawJob } from '../support/server';

type Kit = typeof firstLoad;
interface Load {
  kit: Kit;
  context: typeof firstContext;
}
const KEY = 'basiq-react:connections-in-progress';

/** A page load: the kit's modules afresh, as after the browser reloads (sessionStorage stays). */
async function reload(): Promise<Load> {
  cleanup();
  vi.resetModules();
  const kit = await import('../../src');
  const context = await import('../../src/hooks/basiqContext');
  return { kit, context };
}

/** A job in Basiq's shape whose steps all succeeded. */
function done(id: string) {
  const job = rawJob(id, 'success');
  job.steps[1]!.status = 'success';
  return job;
}

const settle = () => act(async () => {});

/** The quick start's page inside a provider; `hub` is the provider's event stream. */
function open(
  { kit, context }: Load = { kit: firstLoad, context: firstContext },
  provider: { maxPollMs?: number } = {},
) {
  let hub!: EventHub;
  const seen: ConsentRedirectResult[] = [];
  function Page() {
    hub = context.useBasiqContext('Page').events;
    const result = kit.useConsentRedirect({ clean: true });
    seen.push(result);
    return <p>{result.jobIds.join(' ') || 'connect'}</p>;
  }
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <kit.BasiqProvider getToken={async () => clientToken('u1')} userId="u1" {...provider}>
        <Page />
      </kit.BasiqProvider>
    </QueryClientProvider>,
  );
  return { ...view, hub, queryClient, last: () => seen.at(-1)! };
}

/** Arrives from the consent UI with `jobIds` (cleaned from the address), and settles. */
async function arrive(jobIds: string, provider?: { maxPollMs?: number }) {
  land(`jobIds=${jobIds}&state=${await issueState()}`);
  const page = open(undefined, provider);
  await settle();
  return page;
}

beforeEach(() => {
  sessionStorage.clear();
});
afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('useConsentRedirect', () => {
  it('should give back the jobs after a reload of the cleaned address, marked restored', async () => {
    await arrive('a,b');
    expect(window.location.search).toBe(`?t=${lastVisit()}`);

    const page = open(await reload());
    expect(page.last()).toEqual({
      jobIds: ['a', 'b'],
      state: null,
      stateMismatch: false,
      hasRedirect: false,
      restored: true,
    });
    expect(page.getByText('a b')).toBeTruthy();
  });

  it('should keep ids and times only in sessionStorage, nothing in localStorage', async () => {
    await arrive('a,b');
    expect(Object.keys(sessionStorage)).toContain(KEY);
    const kept = JSON.parse(sessionStorage.getItem(KEY)!);
    expect(kept.jobs).toEqual([
      { id: 'a', until: expect.any(Number) },
      { id: 'b', until: expect.any(Number) },
    ]);
    expect(kept.returns).toEqual([expect.stringMatching(/^[0-9a-f]{32}:a,b$/)]);
    expect(JSON.stringify(sessionStorage)).not.toMatch(/eyJ/);
    expect(localStorage.length).toBe(0);
  });

  it('should drop a job once job-succeeded or job-failed is told, keeping the page as it is', async () => {
    const first = await arrive('a,b');
    act(() => first.hub.emit({ type: 'job-succeeded', jobId: 'a' }));
    expect(first.getByText('a b')).toBeTruthy();

    const second = open(await reload());
    expect(second.last()).toMatchObject({ jobIds: ['b'], restored: true });
    act(() =>
      second.hub.emit({
        type: 'job-failed',
        jobId: 'b',
        step: 'verify-credentials',
        code: 'invalid-credentials',
        advice: 'credentials',
      }),
    );
    expect(second.getByText('b')).toBeTruthy();

    const third = open(await reload());
    expect(third.last()).toEqual({
      jobIds: [],
      state: null,
      stateMismatch: false,
      hasRedirect: false,
      restored: false,
    });
    expect(third.getByText('connect')).toBeTruthy();
    expect(sessionStorage.getItem(KEY)).not.toMatch(/"jobs":\[\{/);
  });

  it('should drop a job the query cache shows finished, before or while the page is open', async () => {
    const first = await arrive('a,b,c');
    const { normalizeJob } = firstLoad;
    act(() => void first.queryClient.setQueryData(['basiq', 'job', 'a'], normalizeJob(done('a'))));
    act(
      () => void first.queryClient.setQueryData(['basiq', 'job', 'b'], normalizeJob(rawJob('b'))),
    );
    first.unmount();

    // Mounted again with c already finished in the cache (another component watched it).
    const { kit, context } = await reload();
    const queryClient = new QueryClient();
    queryClient.setQueryData(['basiq', 'job', 'c'], normalizeJob(done('c')));
    function Page() {
      context.useBasiqContext('Page');
      return <p>{kit.useConsentRedirect().jobIds.join(' ')}</p>;
    }
    const view = render(
      <kit.BasiqProvider queryClient={queryClient} getToken={async () => clientToken('u1')}>
        <Page />
      </kit.BasiqProvider>,
    );
    expect(view.getByText('b c')).toBeTruthy();

    const last = open(await reload());
    expect(last.last().jobIds).toEqual(['b']);
  });

  it('should give back nothing past the provider maxPollMs, and keep 15 minutes by default', async () => {
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    await arrive('a', { maxPollMs: 60_000 });
    clock.mockReturnValue(now + 59_000);
    expect(open(await reload(), { maxPollMs: 60_000 }).last().jobIds).toEqual(['a']);
    clock.mockReturnValue(now + 60_000);
    expect(open(await reload(), { maxPollMs: 60_000 }).last().jobIds).toEqual([]);

    clock.mockReturnValue(now);
    await arrive('b');
    expect(JSON.parse(sessionStorage.getItem(KEY)!).jobs).toEqual([
      { id: 'b', until: now + 900_000 },
    ]);
  });

  it('should replace the jobs kept by an earlier return with those of a newer one', async () => {
    await arrive('a,b');
    cleanup();
    await arrive('c');
    expect(open(await reload()).last().jobIds).toEqual(['c']);
  });

  it('should keep what it had when a return is refused', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await arrive('a');
    cleanup();
    land('jobIds=x&state=0123456789abcdef0123456789abcdef');
    const refused = open();
    expect(refused.last()).toMatchObject({ jobIds: [], stateMismatch: true, restored: false });
    await settle();
    expect(open(await reload()).last().jobIds).toEqual(['a']);
  });

  it('should not keep ended jobs again on a reload of an address that still carries the return', async () => {
    const state = await issueState();
    land(`jobIds=a,b&state=${state}`);
    const href = window.location.href;
    const first = open();
    await settle();
    act(() => first.hub.emit({ type: 'job-succeeded', jobId: 'a' }));

    window.history.replaceState(null, '', href);
    const again = open(await reload());
    await settle();
    // The address still names both jobs; only b is still followed.
    expect(again.last()).toMatchObject({ jobIds: ['a', 'b'], hasRedirect: true });
    expect(open(await reload()).last()).toMatchObject({ jobIds: ['b'], restored: true });
  });

  it('should give back nothing outside a BasiqProvider', async () => {
    await arrive('a');
    const { kit } = await reload();
    const { result } = renderHook(() => kit.useConsentRedirect());
    expect(result.current.jobIds).toEqual([]);
    expect(result.current.restored).toBe(false);
  });
});
