// The announcer's queue: one message at a time, in order, each left in its region long enough
// to be read whole. Pure, so the component only sets timers and renders the two regions.

/** One message for screen readers. */
export interface Announcement {
  /** What is read. */
  text: string;
  /** A failure that needs the user to act: read at once (assertive), else politely. */
  urgent?: boolean;
}

/** The two regions' texts, the messages waiting, and how long until the next may show. */
export interface AnnouncerState {
  /** The polite region's text. */
  polite: string;
  /** The assertive region's text. */
  assertive: string;
  /** Messages waiting for the one shown to be read. */
  queue: Announcement[];
  /** Ms to wait before the next `tick`; 0 when idle (a new message shows at once). */
  wait: number;
}

/** A message stays at least this long (ms) before the next replaces it. */
export const HOLD_MS = 700;

/** The pause (ms) with an emptied region before the same text is shown again. */
export const REPEAT_GAP_MS = 50;

/** Nothing said yet. */
export const SILENT: AnnouncerState = { polite: '', assertive: '', queue: [], wait: 0 };

/**
 * What happens to the announcer: a component has something to `say`, or the wait is over
 * (`tick`).
 */
export type AnnouncerEvent = { type: 'say'; announcement: Announcement } | { type: 'tick' };

const regionOf = (announcement: Announcement) => (announcement.urgent ? 'assertive' : 'polite');

// Changes one region only. The same text again would change nothing (and not be read), so the
// region is emptied first and the message waits a moment.
function show(state: AnnouncerState, next: Announcement, rest: Announcement[]): AnnouncerState {
  const region = regionOf(next);
  if (state[region] === next.text)
    return { ...state, [region]: '', queue: [next, ...rest], wait: REPEAT_GAP_MS };
  return { ...state, [region]: next.text, queue: rest, wait: HOLD_MS };
}

/** The announcer's reducer: the next regions' texts and queue after `event`. */
export function announcerReducer(state: AnnouncerState, event: AnnouncerEvent): AnnouncerState {
  if (event.type === 'tick') {
    const [next, ...rest] = state.queue;
    return next ? show(state, next, rest) : state.wait ? { ...state, wait: 0 } : state;
  }
  const { announcement } = event;
  if (!announcement.text) return state;
  if (!state.wait) return show(state, announcement, state.queue);
  const last = state.queue.at(-1);
  // A message already waiting to be read is not queued twice in a row.
  if (last && last.text === announcement.text && regionOf(last) === regionOf(announcement))
    return state;
  return { ...state, queue: [...state.queue, announcement] };
}
