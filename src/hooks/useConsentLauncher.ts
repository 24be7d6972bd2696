'use client';
import { useCallback, useEffect, useState } from 'react';
import { createConsentState } from '../client/consentState.js';
import { BasiqError } from '../client/errors.js';
import { isAllowedUrl } from '../client/isAllowedUrl.js';
import type { ConsentAction, ConsentUrlOptions } from '../client/types.js';
import { useBasiqContext } from './basiqContext.js';

/** The consent URL holds a token: build a fresh one well before that token runs out. */
const HREF_REFRESH_MS = 5 * 60_000;
/** After a failed build (token endpoint down), try again this soon. */
const HREF_RETRY_MS = 10_000;

function assertAllowed(url: string, hosts: readonly string[]): string {
  if (isAllowedUrl(url, hosts)) return url;
  throw new BasiqError(
    `The consent UI URL is not on an allowed host (${new URL(url).host}); add it to <BasiqProvider allowedHosts>`,
  );
}

/** What {@link useConsentLauncher} returns. */
export interface ConsentLauncher {
  /**
   * Sends the user to Basiq's consent UI (same tab) with a fresh token and a new `state`; the
   * provider's `consent-launch` event fires just before the page navigates.
   */
  open(action?: ConsentAction, options?: Omit<ConsentUrlOptions, 'action'>): Promise<void>;
  /** A ready consent URL for a link (`<a href>`), or undefined until it is built. */
  href: string | undefined;
  /** True once `href` is ready. */
  isReady: boolean;
  /** Why the URL could not be built (token endpoint down, token refused, host not allowed); retried every 10 s. */
  error: Error | undefined;
}

/**
 * Launches Basiq's hosted consent UI (it cannot be framed, so the page navigates to it). The
 * URL carries a fresh CLIENT_ACCESS token and a random `state` kept for
 * `useConsentRedirect`; it is opened only when it is `https:` on an allowed host (or `http:`
 * on loopback, for the mock).
 *
 * @example
 * const { open, isReady } = useConsentLauncher({ action: 'connect' });
 * <button disabled={!isReady} onClick={() => open()}>Connect your bank</button>
 */
export function useConsentLauncher(defaults: ConsentUrlOptions = {}): ConsentLauncher {
  const { client, allowedHosts, events } = useBasiqContext('useConsentLauncher');
  // Tagged with the client it was built by: after a change of user, the last user's URL (and
  // the token in it) is never handed out, even before the new one is built.
  const [built, setBuilt] = useState<{ by: unknown; url: string }>();
  const href = built?.by === client ? built.url : undefined;
  const [error, setError] = useState<Error>();
  const { action, institutionId, connectionId } = defaults;

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const build = () =>
      client
        .consentUrl({ action, institutionId, connectionId })
        .then((url) => assertAllowed(url, allowedHosts))
        .then(
          (url) => {
            if (!live) return;
            setBuilt({ by: client, url });
            setError(undefined);
            timer = setTimeout(build, HREF_REFRESH_MS);
          },
          (reason: unknown) => {
            if (!live) return;
            setError(reason as Error);
            timer = setTimeout(build, HREF_RETRY_MS);
          },
        );
    void build();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, allowedHosts, action, institutionId, connectionId]);

  const open = useCallback(
    async (openAction?: ConsentAction, options: Omit<ConsentUrlOptions, 'action'> = {}) => {
      const params: ConsentUrlOptions = {
        action,
        institutionId,
        connectionId,
        ...options,
        ...(openAction && { action: openAction }),
      };
      // Made here rather than by the client, so the event can name it.
      const state = (params.state ||= createConsentState());
      const allowed = assertAllowed(await client.consentUrl(params), allowedHosts);
      // Synchronous, before the page goes: a listener can still send a beacon.
      events.emit({ type: 'consent-launch', action: params.action ?? null, state });
      window.location.assign(allowed);
    },
    [client, allowedHosts, events, action, institutionId, connectionId],
  );

  return { open, href, isReady: href !== undefined, error };
}
