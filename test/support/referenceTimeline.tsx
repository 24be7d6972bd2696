// The reference timeline, played on the mock Basiq with fake timers: verify-credentials
// 4.3 s → MFA challenge; the user answers 10 s after seeing it; retrieve-accounts 6.2 s;
// retrieve-transactions 30.5 s. The kit's useJob and a fixed 2 s loop (what Basiq's sample
// apps do) each watch one job; we count their GET /jobs requests and how late they show
// the challenge and the end. Shared by the polling test and `npm run bench`.
import { act, render } from '@testing-library/react';
import type { SetupServer } from 'msw/node';
import { useEffect } from 'react';
import { vi } from 'vitest';
import { createBasiqClient, useJob, useSubmitMfa, type Job } from '../../src';
import { createTestbed, USER } from './basiqTestbed';

const ANSWER_AFTER_MS = 10_000;
const MFA_VERIFY_MS = 1000;
const TIMELINE = { verify: 4300, accounts: 6200, transactions: 30_500 };
const STEP_MS = 100;
/** How long to keep watching after the end, to catch requests after terminal. */
const AFTER_MS = 60_000;

export interface TimelineRun {
  requests: number;
  mfaLagMs: number;
  completionLagMs: number;
  requestsAfterTerminal: number;
}

interface Watcher {
  /** Starts watching at t = 0; calls back when it shows the challenge and the end. */
  start(jobId: string, onMfa: () => void, onEnd: () => void): void;
  answer(jobId: string): void;
  stop(): void;
}

async function play(
  server: SetupServer,
  watcher: (bed: ReturnType<typeof createTestbed>) => Watcher,
) {
  vi.useFakeTimers();
  const bed = createTestbed(server);
  const t0 = Date.now();
  const { jobId } = bed.control.createJob({ userId: USER, scenario: 'mfa-token' });
  let mfaShownAt: number | undefined;
  let answerAt: number | undefined;
  let endShownAt: number | undefined;
  let pollsAtEnd = 0;
  const w = watcher(bed);
  w.start(
    jobId,
    () => {
      mfaShownAt ??= Date.now() - t0;
      answerAt ??= mfaShownAt + ANSWER_AFTER_MS;
    },
    () => {
      if (endShownAt === undefined) {
        endShownAt = Date.now() - t0;
        pollsAtEnd = bed.jobPolls(jobId);
      }
    },
  );
  while (endShownAt === undefined || Date.now() - t0 < endShownAt + AFTER_MS) {
    await act(() => vi.advanceTimersByTimeAsync(STEP_MS));
    if (answerAt !== undefined && Date.now() - t0 >= answerAt) {
      answerAt = Infinity;
      w.answer(jobId);
    }
    if (Date.now() - t0 > 10 * 60_000) throw new Error('the job never ended');
  }
  w.stop();
  const answeredAt = mfaShownAt! + ANSWER_AFTER_MS;
  const endsAt = answeredAt + MFA_VERIFY_MS + TIMELINE.accounts + TIMELINE.transactions;
  const result: TimelineRun = {
    requests: pollsAtEnd,
    mfaLagMs: mfaShownAt! - TIMELINE.verify,
    completionLagMs: endShownAt! - endsAt,
    requestsAfterTerminal: bed.jobPolls(jobId) - pollsAtEnd,
  };
  vi.useRealTimers();
  return result;
}

/** The kit: one component with useJob and useSubmitMfa. */
export function runKit(server: SetupServer): Promise<TimelineRun> {
  return play(server, (bed) => {
    let unmount = () => {};
    let submit: ((answers: string[]) => void) | undefined;
    return {
      start(jobId, onMfa, onEnd) {
        function Watch() {
          const { phase, isTerminal } = useJob(jobId);
          const mutation = useSubmitMfa(jobId);
          submit = mutation.mutate;
          useEffect(() => {
            if (phase === 'mfa-required') onMfa();
            if (isTerminal) onEnd();
          }, [phase, isTerminal]);
          return <p>{phase}</p>;
        }
        ({ unmount } = render(<Watch />, { wrapper: bed.wrapper }));
      },
      answer: () => submit!(['123456']),
      stop: () => unmount(),
    };
  });
}

/** A fixed 2 s loop from t = 0 that stops at the end, as Basiq's sample apps poll. */
export function runFixedLoop(server: SetupServer): Promise<TimelineRun> {
  return play(server, (bed) => {
    const client = createBasiqClient({
      getToken: async () => bed.control.clientToken(USER),
      retry: { attempts: 1 },
    });
    let timer: ReturnType<typeof setInterval> | undefined;
    return {
      start(jobId, onMfa, onEnd) {
        const tick = async () => {
          const job: Job = await client.getJob(jobId);
          if (job.phase === 'mfa-required') onMfa();
          if (job.isTerminal) {
            clearInterval(timer);
            onEnd();
          }
        };
        void tick();
        timer = setInterval(tick, 2000);
      },
      answer: (jobId) => void client.submitMfa(jobId, ['123456']),
      stop: () => clearInterval(timer),
    };
  });
}

export { STEP_MS };
