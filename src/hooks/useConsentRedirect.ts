'use client';
import { useEffect, useSyncExternalStore } from 'react';
import { isIssuedConsentState } from '../client/consentState.js';
import { parseConsentRedirect } from '../client/parseConsentRedirect.js';

/** What {@link useConsentRedirect} read from the page's URL. */
export interface ConsentRedirectResult {
  /** The jobs the user started, one per bank; empty when nothing was connected or the state was refused. */
  jobIds: string[];
  /** The `state` in the URL, or null. */
  state: string | null;
  /** True when the URL carried a `state` this tab did not issue (or none): its jobs are ignored. */
  stateMismatch: boolean;
  /** True when the URL carried any consent redirect parameter. */
  hasRedirect: boolean;
}

const PARAMS = ['jobId', 'jobIds', 'state'];
const NONE: ConsentRedirectResult = {
  jobIds: [],
  state: null,
  stateMismatch: false,
  hasRedirect: false,
};

// One reading per URL, so re-renders, StrictMode and a stripped URL all see the same answer.
const readings = new Map<string, ConsentRedirectResult>();

function read(): ConsentRedirectResult {
  const href = window.location.href;
  let result = readings.get(href);
  if (!result) {
    const params = new URL(href).searchParams;
    const { jobIds, state } = parseConsentRedirect(href);
    result = !PARAMS.some((name) => params.has(name))
      ? NONE
      : isIssuedConsentState(state)
        ? { jobIds, state, stateMismatch: false, hasRedirect: true }
        : { jobIds: [], state, stateMismatch: true, hasRedirect: true };
    readings.set(href, result);
  }
  return result;
}

const subscribe = () => () => {};

/**
 * Reads the consent UI's return to your app once: the `jobId`/`jobIds` it started and the
 * `state`, which must be one this tab issued (`useConsentLauncher` or `client.consentUrl`),
 * or the jobs are refused (`stateMismatch: true`). StrictMode, re-renders and a reload give
 * the same answer; on the server it reads nothing. With `clean: true` the parameters are
 * removed from the address bar (`history.replaceState`) after reading.
 *
 * @param options - `clean`: remove `jobId`, `jobIds` and `state` from the address bar after reading (default `false`).
 *
 * @example
 * const { jobIds, stateMismatch } = useConsentRedirect({ clean: true });
 * return stateMismatch ? <p>That link was not started here.</p> : <ConnectionStatus jobIds={jobIds} />;
 */
export function useConsentRedirect({ clean = false }: { clean?: boolean } = {}) {
  const result = useSyncExternalStore(subscribe, read, () => NONE);
  useEffect(() => {
    if (!clean || !result.hasRedirect) return;
    const url = new URL(window.location.href);
    if (!PARAMS.some((name) => url.searchParams.has(name))) return;
    PARAMS.forEach((name) => url.searchParams.delete(name));
    readings.set(url.href, result);
    window.history.replaceState(window.history.state, '', url.href);
  }, [clean, result]);
  return result;
}
