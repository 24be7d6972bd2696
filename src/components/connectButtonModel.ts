// ConnectButton's model: what a click does in each state, and what the button says. Pure, so
// the component stays a thin view over it.

/** What `data-state` on a {@link ConnectButton} says. */
export type ConnectButtonState = 'loading' | 'ready' | 'opening' | 'error';

/**
 * What the last click led to: nothing yet (`idle`, also once the page comes back), the consent
 * UI `opening`, or opening it failed (`error`, until the next click).
 */
export type ConnectButtonClick = 'idle' | 'opening' | 'error';

/** What the consent link is doing, as `useConsentLauncher` says. */
export interface ConsentLinkStatus {
  /** The consent URL is built: a click can open it. */
  isReady: boolean;
  /** The last build failed (it is retried every 10 s). */
  failed: boolean;
}

/**
 * What happens to the button: the user presses it (`click`), opening the consent UI fails
 * (`failed`), or the page is still here after a click (`stayed`): it came back from the
 * back-forward cache, or the navigation never happened within {@link OPENING_TIMEOUT_MS}.
 */
export type ConnectButtonEvent =
  { type: 'click'; isReady: boolean } | { type: 'failed' } | { type: 'stayed' };

/** How long the button says "Opening…" if the page is still here, in ms. */
export const OPENING_TIMEOUT_MS = 10_000;

/**
 * The button cannot open the consent UI now (`aria-disabled`, and a click does nothing): the
 * link is not ready, or it is already opening.
 */
export const isUnavailable = (click: ConnectButtonClick, isReady: boolean) =>
  !isReady || click === 'opening';

/**
 * Moves the button on: a click opens the consent UI when the link is ready and nothing is
 * opening; a failure shows until the next click; a page that comes back, or a navigation that
 * never happened, makes the button usable again.
 */
export function connectButtonReducer(
  click: ConnectButtonClick,
  event: ConnectButtonEvent,
): ConnectButtonClick {
  switch (event.type) {
    case 'click':
      return isUnavailable(click, event.isReady) ? click : 'opening';
    case 'failed':
      return 'error';
    case 'stayed':
      return click === 'opening' ? 'idle' : click;
  }
}

/** The button's `data-state`: the last click's outcome, else the consent link's. */
export function connectButtonState(
  click: ConnectButtonClick,
  link: ConsentLinkStatus,
): ConnectButtonState {
  if (click !== 'idle') return click;
  if (link.failed) return 'error';
  return link.isReady ? 'ready' : 'loading';
}

/** Why the button is unavailable, by state: the label shown beside it and describing it. */
export const UNAVAILABLE_REASON: Partial<Record<ConnectButtonState, 'preparing' | 'unavailable'>> =
  { loading: 'preparing', error: 'unavailable' };

/** What the live region says, by state: "Opening…", or that the consent UI is unavailable. */
export const ANNOUNCED: Partial<Record<ConnectButtonState, 'opening' | 'unavailable'>> = {
  opening: 'opening',
  error: 'unavailable',
};
