'use client';
import { useEffect, useId, useReducer, useRef, type ReactNode } from 'react';
import type { ConsentAction } from '../client/types.js';
import { useComponentLabels } from '../hooks/useComponentLabels.js';
import { useStylesCheck } from '../hooks/useStylesCheck.js';
import { useConsentLauncher } from '../hooks/useConsentLauncher.js';
import {
  ANNOUNCED,
  connectButtonReducer,
  connectButtonState,
  isUnavailable,
  OPENING_TIMEOUT_MS,
  UNAVAILABLE_REASON,
} from './connectButtonModel.js';
import { Announce, Announcer } from './Announcer.js';
import { connectButtonLabels } from '../labels/connectButtonLabels.js';

/** The label sections this component reads: only their texts ship with it. */
const LABELS = { connectButton: connectButtonLabels };

export type { ConnectButtonState } from './connectButtonModel.js';

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
  // eslint-disable-next-line react-hooks/rules-of-hooks -- the condition is fixed per build
  if (process.env.NODE_ENV !== 'production') useStylesCheck();
  const texts = useComponentLabels('ConnectButton', LABELS).connectButton;
  const { open, isReady, error } = useConsentLauncher({ action, institutionId, connectionId });
  const [click, dispatch] = useReducer(connectButtonReducer, 'idle');
  const id = useId();

  // The launcher retries a failed build every 10 s: report the first failure of a streak only.
  const failing = useRef(false);
  useEffect(() => {
    if (error && !failing.current) onError?.(error);
    failing.current = !!error;
  }, [error, onError]);

  // If the page comes back (back button, bfcache) or the navigation never happened, the
  // button becomes usable again.
  const opening = click === 'opening';
  useEffect(() => {
    if (!opening) return;
    const stayed = () => dispatch({ type: 'stayed' });
    const onPageShow = (event: PageTransitionEvent) => event.persisted && stayed();
    const timer = setTimeout(stayed, OPENING_TIMEOUT_MS);
    addEventListener('pageshow', onPageShow);
    return () => {
      clearTimeout(timer);
      removeEventListener('pageshow', onPageShow);
    };
  }, [opening]);

  const state = connectButtonState(click, { isReady, failed: !!error });
  const reason = UNAVAILABLE_REASON[state];
  const announced = ANNOUNCED[state];

  const onClick = async () => {
    if (isUnavailable(click, isReady)) return;
    dispatch({ type: 'click', isReady });
    try {
      await open();
    } catch (thrown) {
      dispatch({ type: 'failed' });
      onError?.(thrown instanceof Error ? thrown : Error(String(thrown)));
    }
  };

  return (
    <div className={`basiq-ConnectButton ${className ?? ''}`.trim()} data-state={state}>
      <Announcer>
        <button
          type="button"
          className="basiq-ConnectButton-button"
          aria-disabled={isUnavailable(click, isReady) || undefined}
          aria-describedby={reason ? id : undefined}
          onClick={() => void onClick()}
        >
          {opening ? texts.opening : (children ?? texts.action[action ?? 'default'])}
        </button>
        <span id={id} className="basiq-ConnectButton-message" data-tone={state}>
          {reason ? texts[reason] : ''}
        </span>
        <Announce message={announced ? texts[announced] : ''} />
      </Announcer>
    </div>
  );
}
