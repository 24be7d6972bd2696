import { describe, expect, it } from 'vitest';
import {
  ANNOUNCED,
  connectButtonReducer,
  connectButtonState,
  isUnavailable,
  UNAVAILABLE_REASON,
  type ConnectButtonClick,
  type ConnectButtonEvent,
  type ConnectButtonState,
  type ConsentLinkStatus,
} from '../../src/components/connectButtonModel';

const CLICKS: ConnectButtonClick[] = ['idle', 'opening', 'error'];
const LINKS: Array<[string, ConsentLinkStatus]> = [
  ['being built', { isReady: false, failed: false }],
  ['ready', { isReady: true, failed: false }],
  ['failing', { isReady: false, failed: true }],
  // A refresh failed after the link was built: it still opens.
  ['ready, its refresh failing', { isReady: true, failed: true }],
];

describe('connectButtonReducer', () => {
  // The click's outcome after each event, by outcome before it: [link not ready, link ready].
  const AFTER: Record<
    ConnectButtonClick,
    Record<ConnectButtonEvent['type'], [ConnectButtonClick, ConnectButtonClick]>
  > = {
    idle: { click: ['idle', 'opening'], failed: ['error', 'error'], stayed: ['idle', 'idle'] },
    opening: {
      click: ['opening', 'opening'],
      failed: ['error', 'error'],
      stayed: ['idle', 'idle'],
    },
    error: { click: ['error', 'opening'], failed: ['error', 'error'], stayed: ['error', 'error'] },
  };
  const CASES = CLICKS.flatMap((click) =>
    (['click', 'failed', 'stayed'] as const).flatMap((type) =>
      [false, true].map((isReady) => [click, type, isReady] as const),
    ),
  );

  it.each(CASES)('should move %s on %s (link ready: %s)', (click, type, isReady) => {
    const event: ConnectButtonEvent = type === 'click' ? { type, isReady } : { type };
    expect(connectButtonReducer(click, event)).toBe(AFTER[click][type][Number(isReady)]);
  });

  it('should open once however often it is clicked, and again once the page stayed', () => {
    const events: ConnectButtonEvent[] = [
      { type: 'click', isReady: false },
      { type: 'click', isReady: true },
      { type: 'click', isReady: true },
      { type: 'stayed' },
      { type: 'click', isReady: true },
      { type: 'failed' },
      { type: 'click', isReady: true },
    ];
    const seen: ConnectButtonClick[] = [];
    events.reduce((click, event) => {
      const next = connectButtonReducer(click, event);
      seen.push(next);
      return next;
    }, 'idle' as ConnectButtonClick);
    expect(seen).toEqual(['idle', 'opening', 'opening', 'idle', 'opening', 'error', 'opening']);
  });
});

describe('isUnavailable', () => {
  it.each<[ConnectButtonClick, boolean, boolean]>([
    ['idle', false, true],
    ['idle', true, false],
    ['opening', false, true],
    ['opening', true, true],
    ['error', false, true],
    // Opening failed: the user can try again.
    ['error', true, false],
  ])(
    'should say a %s button with the link ready: %s is unavailable: %s',
    (click, isReady, unavailable) => {
      expect(isUnavailable(click, isReady)).toBe(unavailable);
    },
  );
});

describe('connectButtonState', () => {
  // data-state by click outcome, for each link status of LINKS in order.
  const STATES: Record<ConnectButtonClick, ConnectButtonState[]> = {
    idle: ['loading', 'ready', 'error', 'error'],
    opening: ['opening', 'opening', 'opening', 'opening'],
    error: ['error', 'error', 'error', 'error'],
  };
  it.each(
    CLICKS.flatMap((click) =>
      LINKS.map(([name, link], index) => [click, name, link, index] as const),
    ),
  )('should show %s with the link %s', (click, _name, link, index) => {
    expect(connectButtonState(click, link)).toBe(STATES[click][index]);
  });
});

describe('texts', () => {
  const states: ConnectButtonState[] = ['loading', 'ready', 'opening', 'error'];

  it('should give a reason only while the button is loading or failed', () => {
    expect(states.map((state) => UNAVAILABLE_REASON[state])).toEqual([
      'preparing',
      undefined,
      undefined,
      'unavailable',
    ]);
  });

  it('should announce opening and failure, nothing else', () => {
    expect(states.map((state) => ANNOUNCED[state])).toEqual([
      undefined,
      undefined,
      'opening',
      'unavailable',
    ]);
  });
});
