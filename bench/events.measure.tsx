// How late an app hears that the accounts are in: from the mock finishing retrieve-accounts to
// `accounts-ready` reaching a `useBasiqEvents` listener (and `onEvent`), on the reference
// timeline that bench/polling.measure.tsx plays: the mfa-token job at the mock's default step
// durations, one component with useJob and useSubmitMfa answering 10 s after it shows the
// challenge, fake timers in steps of 100 ms.
import { act, render } from '@testing-library/react';
import { useEffect } from 'react';
import { it, vi } from 'vitest';
import { useBasiqEvents, useJob, useSubmitMfa, type BasiqFlowEvent } from '../src';
import { DEFAULT_STEP_MS } from '../src/testing/scenarios';
import { createTestbed, USER } from '../test/support/basiqTestbed';
import { STEP_MS } from '../test/support/referenceTimeline';
import { setupMswServer } from '../test/support/server';
import { record } from './support/record';

/** As on the reference timeline: the user answers 10 s after seeing the challenge. */
const ANSWER_AFTER_MS = 10_000;
/** Give up after this long on the mock clock (the job ends about 52 s in). */
const GIVE_UP_MS = 5 * 60_000;

const server = setupMswServer();

it('measures the lag from the accounts step ending to accounts-ready', async () => {
  vi.useFakeTimers();
  // What each listener got, and when (the fake clock).
  const heard: { type: BasiqFlowEvent['type']; at: number }[] = [];
  const heardByOnEvent: typeof heard = [];
  const bed = createTestbed(server, {
    provider: { onEvent: (event) => heardByOnEvent.push({ type: event.type, at: Date.now() }) },
  });
  const t0 = Date.now();
  const { jobId } = bed.control.createJob({ userId: USER, scenario: 'mfa-token' });
  let mfaShownAt: number | undefined;
  let submit: ((answers: string[]) => void) | undefined;

  function Watch() {
    const { phase } = useJob(jobId);
    const mutation = useSubmitMfa(jobId);
    submit = mutation.mutate;
    useBasiqEvents((event) => heard.push({ type: event.type, at: Date.now() }));
    useEffect(() => {
      if (phase === 'mfa-required') mfaShownAt ??= Date.now();
    }, [phase]);
    return <p>{phase}</p>;
  }
  const { unmount } = render(<Watch />, { wrapper: bed.wrapper });

  let answered = false;
  const ended = () => heard.some((e) => e.type === 'job-succeeded' || e.type === 'job-failed');
  while (!ended() && Date.now() - t0 < GIVE_UP_MS) {
    await act(() => vi.advanceTimersByTimeAsync(STEP_MS));
    if (!answered && mfaShownAt !== undefined && Date.now() >= mfaShownAt + ANSWER_AFTER_MS) {
      answered = true;
      submit!(['123456']);
    }
  }
  unmount();
  vi.useRealTimers();

  // The mock's schedule (src/testing/jobEngine.ts): the answer is checked mfa-verify after it
  // arrived, then retrieve-accounts runs for its duration and succeeds.
  const requests = bed.control.requests();
  const answer = requests.find((r) => r.method === 'POST' && r.path === `/jobs/${jobId}/mfa`);
  const accountsDoneAt =
    answer && answer.time + DEFAULT_STEP_MS['mfa-verify'] + DEFAULT_STEP_MS['retrieve-accounts'];
  const ready = heard.find((e) => e.type === 'accounts-ready');
  const readyByOnEvent = heardByOnEvent.find((e) => e.type === 'accounts-ready');
  const polls = requests.filter((r) => r.method === 'GET' && r.path === `/jobs/${jobId}`);
  record('events', {
    accountsReady: {
      lagMs: ready && accountsDoneAt !== undefined ? ready.at - accountsDoneAt : null,
      accountsDoneAtMs: accountsDoneAt === undefined ? null : accountsDoneAt - t0,
      heardAtMs: ready ? ready.at - t0 : null,
      onEventAtMs: readyByOnEvent ? readyByOnEvent.at - t0 : null,
      // Every GET /jobs/{id}: the first one after accountsDoneAtMs is the one that saw it.
      pollsAtMs: polls.map((r) => r.time - t0),
      events: heard.map((e) => e.type),
    },
  });
});
