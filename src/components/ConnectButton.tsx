'use client';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ConsentAction } from '../client/types.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { useConsentLauncher } from '../hooks/useConsentLauncher.js';
import { LiveRegion } from './LiveRegion.js';

/** What `data-state` on a {@link ConnectButton} says. */
export type ConnectButtonState = 'loading' | 'ready' | 'opening' | 'error';

/** Props of {@link ConnectButton}. */
export interface ConnectButtonProps {
  /**
   * What the consent UI should do: `connect`, `manage`, `extend`, `update` or `reauthorise`.
   * @default undefined (Basiq's default flow)
   */
  action?: ConsentAction;
  /** Preselects an institution in the consent UI. */
  institutionId?: string;
  /** The connection to update or reauthorise. */
  connectionId?: string;
  /**
   * The button's content.
   * @default `labels.connectButton.action[action ?? 'default']`
   */
  children?: ReactNode;
  /** Extra class on the root element. */
  className?: string;
  /**
   * Called when the consent UI cannot be opened: its URL could not be built (token endpoint
   * down, host not allowed; once per failure streak) or opening it failed.
   */
  onError?: (error: Error) => void;
}

/**
 * A button that sends the user to Basiq's hosted consent UI (same tab: it cannot be framed).
 * It stays unavailable (`aria-disabled`, still focusable, with a reason) until the consent
 * link is ready, shows "Opening…" once clicked, and shows an accessible message (and calls
 * `onError`) when the consent UI cannot be opened. Only `https:` URLs on the provider's allowed
 * hosts (or loopback `http:`) are ever opened. State is in `data-state`: `loading`, `ready`,
 * `opening` or `error`.
 *
 * @param props - The consent UI's `action` and what it targets, and the button's content.
 *
 * @example
 * <ConnectButton action="connect" onError={(error) => report(error)} />
 * <ConnectButton action="reauthorise" connectionId={connection.id}>Reconnect</ConnectButton>
 */
export function ConnectButton({
  action,
  institutionId,
  connectionId,
  children,
  className,
  onError,
}: ConnectButtonProps) {
  const t = useBasiqLabels().connectButton;
  const { open, isReady, error } = useConsentLauncher({ action, institutionId, connectionId });
  // After a click: opening, or opening failed (until the next click).
  const [clicked, setClicked] = useState<'opening' | 'error'>();
  const id = useId();

  // The launcher retries a failed build every 10 s: report the first failure of a streak only.
  const failing = useRef(false);
  useEffect(() => {
    if (error && !failing.current) onError?.(error);
    failing.current = !!error;
  }, [error, onError]);

  // If the page comes back (back button, bfcache) or the navigation never happened within
  // 10 s, the button becomes usable again.
  const opening = clicked == 'opening';
  useEffect(() => {
    if (!opening) return;
    const reset = (event?: PageTransitionEvent) => {
      if (!event || event.persisted) setClicked(undefined);
    };
    const timer = setTimeout(reset, 10_000);
    addEventListener('pageshow', reset);
    return () => {
      clearTimeout(timer);
      removeEventListener('pageshow', reset);
    };
  }, [opening]);

  const state: ConnectButtonState = clicked ?? (error ? 'error' : isReady ? 'ready' : 'loading');
  const message = state == 'loading' ? t.preparing : state == 'error' ? t.unavailable : '';

  const click = async () => {
    if (!isReady || opening) return;
    setClicked('opening');
    try {
      await open();
    } catch (reason) {
      setClicked('error');
      onError?.(reason instanceof Error ? reason : Error(String(reason)));
    }
  };

  return (
    <div className={`basiq-ConnectButton ${className ?? ''}`.trim()} data-state={state}>
      <button
        type="button"
        className="basiq-ConnectButton-button"
        aria-disabled={!isReady || opening || undefined}
        aria-describedby={message ? id : undefined}
        onClick={() => void click()}
      >
        {opening ? t.opening : (children ?? t.action[action ?? 'default'])}
      </button>
      <span id={id} className="basiq-ConnectButton-message" data-tone={state}>
        {message}
      </span>
      <LiveRegion message={opening ? t.opening : state == 'error' ? t.unavailable : ''} />
    </div>
  );
}
