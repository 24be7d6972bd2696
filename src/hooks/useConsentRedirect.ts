'use client';
import { QueryClientContext } from '@tanstack/react-query';
import { useCallback, useContext, useEffect, useSyncExternalStore } from 'react';
import {
  markConsentReturn,
  readConnectionsInProgress,
  rememberConnectionsInProgress,
} from '../client/connectionsInProgress.js';
import type { BasiqFlowEventInit } from '../client/flowEvents.js';
import { isIssuedConsentState } from '../client/consentState.js';
import { parseConsentRedirect } from '../client/parseConsentRedirect.js';
import { warnOnce } from '../internal/warnOnce.js';
import { addRedirectReader } from '../internal/redirectReaders.js';
import { POLL_TIMING } from '../queries/nextPollDelay.js';
import { BasiqContext } from './basiqContext.js';
import { useForgetEndedConnections } from './useForgetEndedConnections.js';

/** What {@link useConsentRedirect} read from the page's URL, or kept from before a reload. */
export interface ConsentRedirectResult {
  /**
   * The jobs the user started, one per bank; empty when nothing was connected or the state was
   * refused. Without a redirect in the URL: the jobs of this tab's last consent return that had
   * not ended when the page loaded (see `restored`).
   */
  jobIds: string[];
  /** The `state` in the URL, or null. */
  state: string | null;
  /** True when the URL carried a `state` this tab did not issue (or none): its jobs are ignored. */
  stateMismatch: boolean;
  /** True when the URL carried any consent redirect parameter. */
  hasRedirect: boolean;
  /**
   * True when `jobIds` come from what this tab kept, not from the URL (which holds no redirect,
   * e.g. after a reload of an address cleaned by `clean: true`): connections this tab started
   * that were still in progress when the page loaded.
   */
  restored: boolean;
}

const PARAMS = ['jobId', 'jobIds', 'state'];
const NONE: ConsentRedirectResult = {
  jobIds: [],
  state: null,
  stateMismatch: false,
  hasRedirect: false,
  restored: false,
};

// One reading per URL, so re-renders, StrictMode and a stripped URL all see the same answer.
const readings = new Map<string, ConsentRedirectResult>();
// Each redirect reading's identity in the tab, and the readings already reported.
const returnKeys = new WeakMap<ConsentRedirectResult, string>();
const reported = new WeakSet<ConsentRedirectResult>();

function read(resumes: boolean): ConsentRedirectResult {
  const href = window.location.href;
  let result = readings.get(href);
  if (result) return result;
  const params = new URL(href).searchParams;
  if (PARAMS.some((name) => params.has(name))) {
    const { jobIds, state } = parseConsentRedirect(href);
    const issued = isIssuedConsentState(state);
    result = issued
      ? { jobIds, state, stateMismatch: false, hasRedirect: true, restored: false }
      : { jobIds: [], state, stateMismatch: true, hasRedirect: true, restored: false };
    // A foreign state is not stored: it could be anything.
    returnKeys.set(result, `${issued ? state : '?'}:${jobIds.join(',')}`);
  } else {
    // Outside a provider nothing would ever learn that a job ended: nothing is resumed.
    if (!resumes) return NONE;
    const kept = readConnectionsInProgress();
    result = kept.length ? { ...NONE, jobIds: kept, restored: true } : NONE;
  }
  readings.set(href, result);
  return result;
}

const subscribe = () => () => {};
const readNothing = () => NONE;

/**
 * Reads the consent UI's return to your app once: the `jobId`/`jobIds` it started and the
 * `state`, which must be one this tab issued (`useConsentLauncher` or `client.consentUrl`),
 * or the jobs are refused (`stateMismatch: true`). StrictMode, re-renders and a reload give
 * the same answer; on the server it reads nothing. With `clean: true` the parameters are
 * removed from the address bar (`history.replaceState`) after reading.
 *
 * Inside `<BasiqProvider>`, the jobs of an accepted return are kept for the tab
 * (`sessionStorage`, ids only, at most the provider's `maxPollMs`): after a reload of an address
 * without the redirect, it returns those still running (`restored: true`), and a job drops out
 * of what is kept once it succeeds or fails. Each return is told once as a `consent-return`
 * event.
 *
 * @param options - `clean`: remove `jobId`, `jobIds` and `state` from the address bar after reading (default `false`).
 *
 * @example
 * const { jobIds, stateMismatch } = useConsentRedirect({ clean: true });
 * return stateMismatch ? <p>That link was not started here.</p> : <ConnectionStatus jobIds={jobIds} />;
 */
export function useConsentRedirect({ clean = false }: { clean?: boolean } = {}) {
  const context = useContext(BasiqContext);
  const queryClient = useContext(QueryClientContext);
  const events = context?.events;
  const maxPollMs = context?.maxPollMs ?? POLL_TIMING.maxPoll;
  const resumes = !!context;
  const getSnapshot = useCallback(() => read(resumes), [resumes]);
  const result = useSyncExternalStore(subscribe, getSnapshot, readNothing);

  useEffect(() => addRedirectReader(), []);
  useForgetEndedConnections(events, queryClient);

  useEffect(() => {
    if (!result.hasRedirect) return;
    if (process.env.NODE_ENV !== 'production' && result.stateMismatch) {
      warnOnce(
        'state-mismatch',
        `the consent redirect's state matches no consent launched from this tab, so its job ` +
          `ids were ignored (stateMismatch: true). This happens when the consent was started in ` +
          `another tab or window, when the link is old or was shared, or when this tab's ` +
          `sessionStorage was cleared. Start the connection from this tab with <ConnectButton> ` +
          `or useConsentLauncher, which remember the state they send.`,
      );
    }
    // Told once per return: not again for StrictMode, another reader, or a reload of an
    // address that still carries it.
    if (!events || reported.has(result)) return;
    reported.add(result);
    if (!markConsentReturn(returnKeys.get(result) ?? '')) return;
    if (!result.stateMismatch) rememberConnectionsInProgress(result.jobIds, maxPollMs);
    const event: BasiqFlowEventInit = {
      type: 'consent-return',
      jobIds: [...result.jobIds],
      stateMatched: !result.stateMismatch,
    };
    // After every effect of this commit: `onEvent` and `useBasiqEvents` listeners subscribe in
    // effects too, the provider's after this one (parents run theirs after their children).
    queueMicrotask(() => events.emit(event));
  }, [result, events, maxPollMs]);

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
