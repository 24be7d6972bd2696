import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ConnectionStatus } from '../../src/components/ConnectionStatus';
import { defaultLabels } from '../../src/labels/defaultLabels';
import {
  advanceBy,
  advanceUntil,
  describeAnnouncements,
  liveRegions,
  recordAnnouncements,
  type Announcement,
} from '../support/a11yWatch';
import { createBrowserTestbed, USER } from '../support/browserTestbed';

const STEP_MS = 1000;
// Below this, a screen reader is still reading one message when the next replaces it.
const MIN_GAP_MS = 100;

const mfa = defaultLabels.mfaForm;
const submitted = (text: string) => text.includes(mfa.sending) || text.includes(mfa.checking);
const wrong = (text: string) => text.includes(mfa.wrong);
const success = (text: string) =>
  text.includes(defaultLabels.phase.success) || text.includes(mfa.accepted);

const root = () => document.querySelector<HTMLElement>('.basiq-ConnectionStatus')!;
const form = () => document.querySelector<HTMLElement>('.basiq-MfaForm');
const field = () => document.querySelector<HTMLInputElement>('.basiq-MfaForm-input')!;

/** Where the first message after `from` that `is` matches sits in `texts`, or -1. */
const after = (texts: string[], from: number, is: (text: string) => boolean) =>
  from < 0 ? -1 : texts.findIndex((text, index) => index > from && is(text));

/** A job at its MFA challenge inside ConnectionStatus, every live region recorded from the start. */
async function atChallenge() {
  // Fake timers that also follow real time: the mock and the polling move on demand, while
  // userEvent keeps working.
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const bed = createBrowserTestbed();
  const { jobId } = bed.control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: STEP_MS });
  const recorder = recordAnnouncements();
  bed.render(
    <main>
      <ConnectionStatus jobId={jobId} />
    </main>,
  );
  await advanceUntil(() => root().dataset.phase === 'mfa-required' && !!form());
  return recorder;
}

/** Answers the challenge with `code` and waits until the form is in `state`. */
async function answer(code: string, state: string, limit?: number) {
  await userEvent.fill(field(), code);
  await userEvent.keyboard('{Enter}');
  await advanceUntil(
    () => form()?.dataset.state === state || root().dataset.phase === state,
    limit,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionStatus', () => {
  it('should have at most one polite live region, whatever it shows', async () => {
    const polite: number[] = [];
    const count = () => polite.push(liveRegions(root(), 'polite').length);
    const recorder = await atChallenge();
    count();
    await answer('000000', 'checking');
    count();
    await advanceUntil(() => form()?.dataset.state === 'wrong');
    count();
    await answer('123456', 'success', 60_000);
    count();
    recorder.stop();
    expect(polite).toEqual([1, 1, 1, 1]);
  });

  it('should announce an MFA answer’s messages whole and in order, one region at a time', async () => {
    const recorder = await atChallenge();
    await answer('000000', 'wrong');
    await answer('123456', 'success', 60_000);
    // Whatever is still queued.
    await advanceBy(5000);
    recorder.stop();
    const said: Announcement[] = recorder.said;
    const lines = describeAnnouncements(said);

    const texts = said.map((a) => a.text);
    const first = texts.findIndex(submitted);
    const refused = after(texts, first, wrong);
    const again = after(texts, refused, submitted);
    const done = after(texts, again, success);
    expect(
      [first, refused, again, done].every((index) => index >= 0),
      `submitted → wrong → submitted → success in:\n${lines.join('\n')}`,
    ).toBe(true);
    expect(texts.slice(refused + 1).some(wrong), lines.join('\n')).toBe(false);

    // Each message has the floor to itself: no other region speaks in the same batch of DOM
    // changes, and none replaces it before it could be read.
    const clashes = said.flatMap((a, index) => {
      const previous = said[index - 1];
      if (!previous) return [];
      if (previous.batch === a.batch) return [`same tick: ${lines[index - 1]} / ${lines[index]}`];
      if (a.at - previous.at < MIN_GAP_MS)
        return [`too soon: ${lines[index - 1]} / ${lines[index]}`];
      return [];
    });
    expect(clashes, lines.join('\n')).toEqual([]);
  });
});
