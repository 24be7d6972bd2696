import { describe, expect, it } from 'vitest';
import {
  announcerReducer,
  HOLD_MS,
  REPEAT_GAP_MS,
  SILENT,
  type AnnouncerEvent,
  type AnnouncerState,
} from '../../src/components/announcerModel';

const say = (text: string, urgent?: boolean): AnnouncerEvent => ({
  type: 'say',
  announcement: { text, urgent },
});
const tick: AnnouncerEvent = { type: 'tick' };

/** The regions' texts after each event, as a screen reader would meet them. */
function run(events: AnnouncerEvent[]) {
  const seen: [string, string][] = [];
  let state: AnnouncerState = SILENT;
  for (const event of events) {
    state = announcerReducer(state, event);
    seen.push([state.polite, state.assertive]);
  }
  return { seen, state };
}

describe('announcerReducer', () => {
  it('should show a message at once when idle, then hold it', () => {
    const { state } = run([say('Checking your answer…')]);
    expect(state).toEqual({ ...SILENT, polite: 'Checking your answer…', wait: HOLD_MS });
  });

  it('should queue messages while one shows, and show them one per tick in order', () => {
    const { seen, state } = run([say('one'), say('two'), say('three'), tick, tick, tick]);
    expect(seen.map(([polite]) => polite)).toEqual(['one', 'one', 'one', 'two', 'three', 'three']);
    expect(state.wait).toBe(0);
  });

  it('should never change both regions in one step', () => {
    const { seen } = run([say('Sending'), say('Connection failed', true), tick, say('x'), tick]);
    for (let i = 1; i < seen.length; i++) {
      const changed = [0, 1].filter((region) => seen[i]![region] !== seen[i - 1]![region]);
      expect(changed.length).toBeLessThanOrEqual(1);
    }
    expect(seen[2]).toEqual(['Sending', 'Connection failed']);
  });

  it('should empty the region before saying the same text again', () => {
    const first = run([say('Link copied.'), tick]).state;
    const again = announcerReducer(first, say('Link copied.'));
    expect(again).toMatchObject({ polite: '', wait: REPEAT_GAP_MS });
    expect(announcerReducer(again, tick)).toMatchObject({ polite: 'Link copied.', wait: HOLD_MS });
  });

  it('should not queue the same waiting message twice in a row, nor an empty one', () => {
    const { state } = run([say('one'), say('two'), say('two'), say('')]);
    expect(state.queue).toEqual([{ text: 'two', urgent: undefined }]);
  });

  it('should go idle on a tick with nothing waiting, and stay the same when already idle', () => {
    const shown = run([say('one'), tick]).state;
    expect(shown.wait).toBe(0);
    expect(announcerReducer(SILENT, tick)).toBe(SILENT);
  });
});
