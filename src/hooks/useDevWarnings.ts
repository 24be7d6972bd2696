'use client';
import { useEffect, useRef } from 'react';
import { redirectReaderCount } from '../internal/redirectReaders.js';
import { warnOnce } from '../internal/warnOnce.js';
import type { PartialLabels } from '../labels/defaultLabels.js';
import { unknownLabelKeys } from '../labels/unknownLabelKeys.js';

/** What the provider's development checks look at. */
export interface DevWarningProps {
  /** The provider's `userId`. */
  userId?: string;
  /** The provider's `tokenUrl`, only when the client fetches tokens from it (no `getToken`, no `client`). */
  tokenUrl?: string;
  /** The provider's `labels`. */
  labels?: PartialLabels;
}

/**
 * How long after the provider mounts a `useConsentRedirect` may take to mount (a route that
 * waits for the signed-in user, a lazy page) before job ids in the address count as unread.
 */
export const REDIRECT_READER_GRACE_MS = 2000;

const REDIRECT_PARAMS = ['jobId', 'jobIds'];

function warnIfJobIdsUnread(): void {
  if (process.env.NODE_ENV !== 'production') {
    const params = new URLSearchParams(window.location.search);
    const found = REDIRECT_PARAMS.filter((name) => params.has(name));
    if (found.length === 0 || redirectReaderCount() > 0) return;
    warnOnce(
      'job-ids-unread',
      `the address has ${found.join(' and ')} from Basiq's consent UI, but no useConsentRedirect() is mounted, so nothing checks its state or follows those jobs. Call useConsentRedirect() on the page the consent UI returns to (the quick start's <ConnectionStatus jobIds={useConsentRedirect().jobIds} />).`,
    );
  }
}

function warnIfCrossOrigin(tokenUrl: string): void {
  if (process.env.NODE_ENV !== 'production') {
    let origin: string;
    try {
      origin = new URL(tokenUrl, window.location.href).origin;
    } catch {
      return;
    }
    if (origin === window.location.origin) return;
    warnOnce(
      'token-url-cross-origin',
      `tokenUrl is on ${origin}, another origin than this page (${window.location.origin}). The token request is sent with credentials: 'same-origin', so your session cookie does not go with it and your endpoint cannot tell who is signed in. Serve the token endpoint from this origin (a path such as '/api/basiq/token', behind a rewrite or proxy), or pass getToken and fetch it yourself with credentials: 'include' (its CORS answer must then allow credentials for this origin).`,
    );
  }
}

function warnIfUnknownLabels(labels: unknown): void {
  if (process.env.NODE_ENV !== 'production') {
    const unknown = unknownLabelKeys(labels);
    if (unknown.length === 0) return;
    const list = unknown
      .map(({ path, suggestion }) => (suggestion ? `${path} (did you mean ${suggestion}?)` : path))
      .join(', ');
    warnOnce(
      'unknown-labels',
      `<BasiqProvider labels> has keys no component reads: ${list}. Rename or remove them; the known keys and their English texts are in defaultLabels.`,
    );
  }
}

function warnUserSwitched(): void {
  if (process.env.NODE_ENV !== 'production') {
    warnOnce(
      'user-switched',
      `userId changed from one user to another under a mounted <BasiqProvider>. It made a new client and token, but the state below it (a prepared consent link, answers typed into a form) is still the last user's. Render <BasiqProvider key={userId} userId={userId}> so each user gets a fresh tree, or unmount the provider when the user signs out.`,
    );
  }
}

/**
 * Development builds only: one `console.warn` per kind of provider misuse that fails silently
 * (job ids in the address that nothing reads, `tokenUrl` on another origin, unknown label keys,
 * one user replaced by another under the same provider). Each message names the fix.
 *
 * @param props - The provider's props the checks read.
 */
export function useDevWarnings({ userId, tokenUrl, labels }: DevWarningProps): void {
  useEffect(() => {
    const timer = setTimeout(warnIfJobIdsUnread, REDIRECT_READER_GRACE_MS);
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    if (tokenUrl) warnIfCrossOrigin(tokenUrl);
  }, [tokenUrl]);

  const labelsKey = JSON.stringify(labels ?? {});
  useEffect(() => warnIfUnknownLabels(JSON.parse(labelsKey)), [labelsKey]);

  // Signing in (undefined → a user) and out (a user → undefined) is normal in one session;
  // one user straight to another keeps the last user's state below the provider.
  const lastUser = useRef(userId);
  useEffect(() => {
    const previous = lastUser.current;
    lastUser.current = userId;
    if (previous !== undefined && userId !== undefined && previous !== userId) warnUserSwitched();
  }, [userId]);
}
