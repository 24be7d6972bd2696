import { act, cleanup, render, renderHook } from '@testing-library/react';
import { StrictMode, useReducer, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useConsentRedirect, type ConsentRedirectResult } from '../../src';
import { issueState, land, lastVisit } from '../support/consentRedirect';

let issued: string;
beforeAll(async () => {
  issued = await issueState();
});
afterEach(() => {
  window.history.replaceState(null, '', '/');
});

/** Renders the hook in a component that records what every render saw. */
function renderRecorded(options?: { clean?: boolean }, wrap = (node: ReactNode) => node) {
  const seen: ConsentRedirectResult[] = [];
  let rerender!: () => void;
  function Page() {
    const result = useConsentRedirect(options);
    rerender = useReducer((n: number) => n + 1, 0)[1];
    seen.push(result);
    return (
      <ul>
        {result.jobIds.map((id) => (
          <li key={id}>{id}</li>
        ))}
      </ul>
    );
  }
  const view = render(wrap(<Page />));
  return { ...view, seen, rerender: () => act(() => rerender()) };
}

describe('useConsentRedirect', () => {
  it('should read the jobIds of a redirect whose state this tab issued', () => {
    land(`jobIds=a,b&state=${issued}`);
    const { result } = renderHook(() => useConsentRedirect());
    expect(result.current).toEqual({
      jobIds: ['a', 'b'],
      state: issued,
      stateMismatch: false,
      hasRedirect: true,
      restored: false,
    });
  });

  it('should read a single jobId', () => {
    land(`jobId=a&state=${issued}`);
    const { result } = renderHook(() => useConsentRedirect());
    expect(result.current).toMatchObject({
      jobIds: ['a'],
      stateMismatch: false,
      hasRedirect: true,
      restored: false,
    });
  });

  it('should read jobId=null as nothing connected', () => {
    land(`jobId=null&state=${issued}`);
    const { result } = renderHook(() => useConsentRedirect());
    expect(result.current).toEqual({
      jobIds: [],
      state: issued,
      stateMismatch: false,
      hasRedirect: true,
      restored: false,
    });
  });

  it('should refuse the jobs of a forged state', () => {
    // The development warning it gives is asserted in useConsentRedirect.events.test.tsx.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    land('jobIds=a,b&state=forged0123456789abcdef0123456789');
    const { result } = renderHook(() => useConsentRedirect());
    expect(result.current).toEqual({
      jobIds: [],
      state: 'forged0123456789abcdef0123456789',
      stateMismatch: true,
      hasRedirect: true,
      restored: false,
    });
  });

  it('should refuse jobs that come without any state', () => {
    // The development warning it gives is asserted in useConsentRedirect.events.test.tsx.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    land('jobIds=a,b');
    const { result } = renderHook(() => useConsentRedirect());
    expect(result.current).toEqual({
      jobIds: [],
      state: null,
      stateMismatch: true,
      hasRedirect: true,
      restored: false,
    });
  });

  it('should report no redirect when the URL has none of its parameters', () => {
    land('tab=accounts');
    const { result } = renderHook(() => useConsentRedirect());
    expect(result.current).toEqual({
      jobIds: [],
      state: null,
      stateMismatch: false,
      hasRedirect: false,
      restored: false,
    });
  });

  it('should give every render the same result object under StrictMode', () => {
    land(`jobIds=a,b&state=${issued}`);
    const { seen, rerender } = renderRecorded({}, (node) => <StrictMode>{node}</StrictMode>);
    rerender();
    rerender();
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen[0]!.jobIds).toEqual(['a', 'b']);
    expect(new Set(seen).size).toBe(1);
  });

  it('should strip jobId, jobIds and state from the address bar with clean, keeping the rest and the jobs', () => {
    const replaceState = vi.spyOn(window.history, 'replaceState');
    land(`jobId=a&jobIds=a,b&state=${issued}&tab=accounts`);
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${window.location.search}#top`,
    );
    const before = window.location.href;
    replaceState.mockClear();

    const { seen, rerender, getAllByRole } = renderRecorded({ clean: true });

    const url = new URL(window.location.href);
    expect(url.pathname).toBe('/done');
    expect(url.searchParams.get('tab')).toBe('accounts');
    expect(url.searchParams.has('t')).toBe(true);
    expect(['jobId', 'jobIds', 'state'].filter((name) => url.searchParams.has(name))).toEqual([]);
    expect(url.hash).toBe('#top');
    expect(window.location.href).not.toBe(before);
    expect(replaceState).toHaveBeenCalledTimes(1);

    rerender();
    expect(seen.at(-1)).toMatchObject({
      jobIds: ['a', 'b'],
      stateMismatch: false,
      hasRedirect: true,
      restored: false,
    });
    expect(new Set(seen).size).toBe(1);
    expect(getAllByRole('listitem').map((li) => li.textContent)).toEqual(['a', 'b']);
  });

  it('should leave the address bar alone without clean', () => {
    const url = land(`jobIds=a&state=${issued}`);
    renderRecorded();
    expect(window.location.pathname + window.location.search).toBe(url);
  });

  it('should clean the address bar once under StrictMode, and not at all when there is no redirect', () => {
    const replaceState = vi.spyOn(window.history, 'replaceState');
    land(`jobIds=a&state=${issued}`);
    replaceState.mockClear();
    const { seen } = renderRecorded({ clean: true }, (node) => <StrictMode>{node}</StrictMode>);
    expect(replaceState).toHaveBeenCalledTimes(1);
    expect(window.location.search).toBe(`?t=${lastVisit()}`);
    expect(seen.at(-1)!.jobIds).toEqual(['a']);
    cleanup();

    const url = land('tab=accounts');
    replaceState.mockClear();
    renderRecorded({ clean: true });
    expect(replaceState).not.toHaveBeenCalled();
    expect(window.location.pathname + window.location.search).toBe(url);
  });

  it('should read nothing when rendered on the server', () => {
    land(`jobIds=a&state=${issued}`);
    function Page() {
      return <output>{JSON.stringify(useConsentRedirect())}</output>;
    }
    expect(renderToString(<Page />)).toBe(
      '<output>{&quot;jobIds&quot;:[],&quot;state&quot;:null,&quot;stateMismatch&quot;:false,&quot;hasRedirect&quot;:false,&quot;restored&quot;:false}</output>',
    );
  });

  it('should give the same answer when the page is mounted again on the same URL', () => {
    land(`jobIds=a,b&state=${issued}`);
    const first = renderHook(() => useConsentRedirect());
    const before = first.result.current;
    first.unmount();

    const second = renderHook(() => useConsentRedirect());
    expect(second.result.current).toEqual(before);
    expect(second.result.current.jobIds).toEqual(['a', 'b']);
  });

  it('should give the same answer after a reload (a fresh module reads the kept state)', async () => {
    land(`jobIds=a,b&state=${issued}`);
    vi.resetModules();
    const reloaded = await import('../../src/hooks/useConsentRedirect');
    const { result } = renderHook(() => reloaded.useConsentRedirect());
    expect(result.current).toEqual({
      jobIds: ['a', 'b'],
      state: issued,
      stateMismatch: false,
      hasRedirect: true,
      restored: false,
    });
  });

  it('should drop job ids that are not plain identifiers, so no markup gets in', () => {
    const hostile = encodeURIComponent(
      '<script>alert(1)</script>,<img src=x onerror=alert(1)>,ok-1',
    );
    land(
      `jobIds=${hostile}&jobId=${encodeURIComponent('"><svg onload=alert(1)>')}&state=${issued}`,
    );
    const { container, seen } = renderRecorded();
    expect(seen.at(-1)!.jobIds).toEqual(['ok-1']);
    expect(container.innerHTML).toBe('<ul><li>ok-1</li></ul>');
    expect(container.querySelector('script, img, svg')).toBeNull();
  });
});
