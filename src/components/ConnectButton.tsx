'use client';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ConsentAction } from '../client/types.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { useConsentLauncher } from '../hooks/useConsentLauncher.js';
import { LiveRegion } from './LiveRegion.js';

/** If the page is still here this long after navigating (navigation blocked), the button is usable again. */
const OPENING_RESET_MS = 10_000;

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
  const labels = useBasiqLabels().connectButton;
  const {
    open,
    isReady,
    error: buildError,
  } = useConsentLauncher({
    action,
    institutionId,
    connectionId,
  });
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<Error>();
  const busy = useRef(false);
  const messageId = useId();

  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  });

  // The launcher retries a failed build every 10 s: report the first failure of a streak only.
  const reported = useRef(false);
  useEffect(() => {
    if (!buildError) {
      reported.current = false;
    } else if (!reported.current) {
      reported.current = true;
      onErrorRef.current?.(buildError);
    }
  }, [buildError]);

  // Navigation started; if the page comes back (back button, bfcache) or the navigation never
  // happened, the button becomes usable again.
  useEffect(() => {
    if (!opening) return;
    const reset = () => {
      busy.current = false;
      setOpening(false);
    };
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) reset();
    };
    const timer = setTimeout(reset, OPENING_RESET_MS);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pageshow', onPageShow);
    };
  }, [opening]);

  const enabled = isReady && !opening;
  const state: ConnectButtonState = opening
    ? 'opening'
    : openError || buildError
      ? 'error'
      : isReady
        ? 'ready'
        : 'loading';

  async function handleClick() {
    if (!enabled || busy.current) return;
    busy.current = true;
    setOpenError(undefined);
    setOpening(true);
    try {
      await open();
    } catch (reason) {
      const error = reason instanceof Error ? reason : new Error(String(reason));
      busy.current = false;
      setOpening(false);
      setOpenError(error);
      onErrorRef.current?.(error);
    }
  }

  const message =
    state === 'error' ? labels.unavailable : state === 'loading' ? labels.preparing : '';
  const announcement =
    state === 'error' ? labels.unavailable : state === 'opening' ? labels.opening : '';

  return (
    <div
      className={className ? `basiq-ConnectButton ${className}` : 'basiq-ConnectButton'}
      data-state={state}
    >
      <button
        type="button"
        className="basiq-ConnectButton-button"
        aria-disabled={enabled ? undefined : true}
        aria-describedby={message ? messageId : undefined}
        onClick={() => void handleClick()}
      >
        {opening
          ? labels.opening
          : (children ?? labels.action[action ?? 'default'] ?? labels.action.default)}
      </button>
      <span id={messageId} className="basiq-ConnectButton-message" data-tone={state}>
        {message}
      </span>
      <LiveRegion message={announcement} />
    </div>
  );
}
