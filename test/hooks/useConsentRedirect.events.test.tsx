import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, renderHook } from '@testing-library/react';
import { StrictMode, useReducer } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as firstLoad from '../../src';
import type { BasiqFlowEvent } from '../../src';
import { redirectReaderCount } from '../../src/internal/redirectReaders';
import { resetWarnings } from '../../src/internal/warnOnce';
import { issueState, land } from '../support/consentRedirect';
import { clientToken } from '../support/jwt';

type Kit = typeof firstLoad;

/** A page load: the kit's modules afresh, as after the browser reloads (sessionStorage stays). */
async function reload(): Promise<Kit> {
  cleanup();
  vi.resetModules();
  return import('../../src');
}

/** Lets the effects of the last commit, and what they scheduled, run. */
const settle = () => act(async () => {});

/**
 * The app's page: `readers` components reading the redirect inside one provider, whose
 * `onEvent` records every event, and a render counter to re-render them.
 */
function open(
  kit: Kit = firstLoad,
  { readers = 1, strict = false }: { readers?: number; strict?: boolean } = {},
) {
  const events: BasiqFlowEvent[] = [];
  const renders: boolean[] = [];
  let inRender = false;
  let rerender!: () => void;
  function Reader() {
    inRender = true;
    const { jobIds } = kit.useConsentRedirect({ clean: true });
    inRender = false;
    rerender = useReducer((n: number) => n + 1, 0)[1];
    return <p>{jobIds.join(' ')}</p>;
  }
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const tree = (
    <QueryClientProvider client={queryClient}>
      <kit.BasiqProvider
        getToken={async () => clientToken('u1')}
        userId="u1"
        onEvent={(event) => {
          renders.push(inRender);
          events.push(event);
        }}
      >
        {Array.from({ length: readers }, (_, i) => (
          <Reader key={i} />
        ))}
      </kit.BasiqProvider>
    </QueryClientProvider>
  );
  const view = render(strict ? <StrictMode>{tree}</StrictMode> : tree);
  return { ...view, events, renders, rerender: () => act(() => rerender()) };
}

const returns = (events: BasiqFlowEvent[]) => events.filter((e) => e.type === 'consent-return');

beforeEach(() => {
  sessionStorage.clear();
  resetWarnings();
});
afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('useConsentRedirect', () => {
  it('should tell consent-return once, after rendering, for several readers under StrictMode and re-renders', async () => {
    const state = await issueState();
    land(`jobIds=a,b&state=${state}`);
    const page = open(firstLoad, { readers: 3, strict: true });
    await settle();
    page.rerender();
    await settle();

    expect(page.events).toEqual([
      { type: 'consent-return', jobIds: ['a', 'b'], stateMatched: true, at: expect.any(Number) },
    ]);
    expect(page.renders).toEqual([false]);
  });

  it('should tell a refused return with stateMatched false and no jobs', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    land('jobIds=a&state=0123456789abcdef0123456789abcdef');
    const page = open();
    await settle();
    expect(page.events).toEqual([
      { type: 'consent-return', jobIds: [], stateMatched: false, at: expect.any(Number) },
    ]);
  });

  it('should tell nothing when the address carries no redirect', async () => {
    land('tab=accounts');
    const page = open();
    await settle();
    expect(page.events).toEqual([]);
  });

  it('should not tell it again after a reload of the cleaned address', async () => {
    const state = await issueState();
    land(`jobIds=a&state=${state}`);
    const first = open();
    await settle();
    expect(returns(first.events)).toHaveLength(1);
    expect(new URL(window.location.href).searchParams.has('jobIds')).toBe(false);

    const kit = await reload();
    const second = open(kit);
    await settle();
    expect(second.getByText('a')).toBeTruthy();
    expect(second.events).toEqual([]);
  });

  it('should not tell it again after a reload of an address that still carries it', async () => {
    const state = await issueState();
    land(`jobIds=a,b&state=${state}`);
    const href = window.location.href;
    const first = open();
    await settle();
    expect(returns(first.events)).toHaveLength(1);

    // Back on the redirect's own address (history, a bookmark), then a reload.
    window.history.replaceState(null, '', href);
    const kit = await reload();
    const second = open(kit);
    await settle();
    expect(second.getByText('a b')).toBeTruthy();
    expect(second.events).toEqual([]);
  });

  it('should tell a newer return of another launch', async () => {
    const first = await issueState();
    land(`jobIds=a&state=${first}`);
    open();
    await settle();

    const second = await issueState();
    land(`jobIds=c&state=${second}`);
    const kit = await reload();
    const page = open(kit);
    await settle();
    expect(returns(page.events)).toEqual([
      { type: 'consent-return', jobIds: ['c'], stateMatched: true, at: expect.any(Number) },
    ]);
  });

  it('should tell a useBasiqEvents listener mounted beside the reader, after it', async () => {
    const state = await issueState();
    land(`jobId=a&state=${state}`);
    const heard: string[] = [];
    function Reader() {
      firstLoad.useConsentRedirect();
      return null;
    }
    function Listener() {
      firstLoad.useBasiqEvents((event) => heard.push(event.type));
      return null;
    }
    render(
      <firstLoad.BasiqProvider getToken={async () => clientToken('u1')} userId="u1">
        <Reader />
        <Listener />
      </firstLoad.BasiqProvider>,
    );
    await settle();
    expect(heard).toEqual(['consent-return']);
  });

  it('should count itself as a reader of the redirect while mounted', () => {
    land('tab=accounts');
    const before = redirectReaderCount();
    const { unmount } = renderHook(() => firstLoad.useConsentRedirect(), {
      wrapper: ({ children }) => <StrictMode>{children}</StrictMode>,
    });
    expect(redirectReaderCount()).toBe(before + 1);
    unmount();
    expect(redirectReaderCount()).toBe(before);
  });

  it('should warn once in development when the state matches no launch of this tab, saying why and what to do', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    land('jobIds=a&state=0123456789abcdef0123456789abcdef');
    open();
    await settle();
    land('jobIds=b');
    renderHook(() => firstLoad.useConsentRedirect());
    await settle();

    expect(warn).toHaveBeenCalledTimes(1);
    const [message] = warn.mock.calls[0]!;
    expect(message).toMatch(/^basiq-react: the consent redirect's state matches no consent/);
    expect(message).toMatch(/another tab/);
    expect(message).toMatch(/old or was shared/);
    expect(message).toMatch(/sessionStorage was cleared/);
    expect(message).toMatch(/<ConnectButton> or useConsentLauncher/);
  });

  it('should not warn for a state this tab issued, nor without a redirect', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const state = await issueState();
    land(`jobIds=a&state=${state}`);
    open();
    land('tab=accounts');
    open();
    await settle();
    expect(warn).not.toHaveBeenCalled();
  });
});
