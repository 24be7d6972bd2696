// The MfaForm's state machine: how the job and the user move the form between its states.
// Pure, so the component stays a thin view over it.
import type { Job, MfaChallenge } from '../client/types.js';
import { POLL_TIMING } from '../queries/nextPollDelay.js';

/**
 * What the form is doing, as the root's `data-state`: `idle` (waiting for the answer),
 * `submitting` (sending it), `checking` (the bank checks it), `wrong` (rejected or not sent:
 * answer again), `expired` (too late: start again), `accepted` (the job moved on).
 */
export type MfaFormState = 'idle' | 'submitting' | 'checking' | 'wrong' | 'expired' | 'accepted';

/** The form's state and what it keeps beside it; `hidden` (no challenge) renders nothing. */
export interface Model {
  state: MfaFormState | 'hidden';
  challenge?: MfaChallenge;
  /** When the form showed the challenge, epoch ms. */
  shownAt: number;
  /** The clock at the last tick, epoch ms. */
  now: number;
  /** When the answer was sent, epoch ms. */
  sentAt: number;
  /** Why the answer is `wrong`: the bank refused it, or it could not be sent. */
  error?: 'wrong' | 'sendFailed';
  /** A countdown notice, announced in place of the state's message while answering. */
  notice?: 'oneMinuteLeft' | 'secondsLeft';
  values: string[];
  /** A send was tried with a field empty: empty fields are marked until the next send. */
  tried?: boolean;
  /** Where to move focus (a field index, or `m` for the message): a new array per move. */
  focus?: Array<number | 'm'>;
}

/** A minute, in ms: below it the countdown is urgent, and reaching it is announced. */
export const ONE_MINUTE = 60_000;
// Reaching it is announced too (`labels.mfaForm.secondsLeft` says how many seconds).
const FINAL_SECONDS = 15_000;

/** No challenge to show: the form renders nothing. */
export const HIDDEN: Model = { state: 'hidden', shownAt: 0, now: 0, sentAt: 0, values: [] };

/** Waiting for the user's answer (first try or again). */
export const answering = (state: Model['state']) => state === 'idle' || state === 'wrong';

const to = (move: boolean, where: number | 'm') => (move ? [where] : undefined);

/** The job asks (again): a fresh challenge, and after an answer a `wrong` one. */
export function challenge(m: Model, mfa: MfaChallenge, at: number, focus: boolean): Model {
  const retry = m.state === 'submitting' || m.state === 'checking' || m.state === 'wrong';
  return {
    state: retry ? 'wrong' : 'idle',
    // A `wrong` form keeps its reason; an answer on its way was refused.
    error: m.error ?? 'wrong',
    challenge: mfa,
    shownAt: at,
    now: at,
    sentAt: 0,
    // A field per prompt; a challenge without prompts still needs one answer.
    values: (mfa.prompts.length ? mfa.prompts : ['']).map(() => ''),
    focus: to(focus, 0),
  };
}

/** The answer is refused (`wrong`) or could not be sent (`sendFailed`): answer again. */
export const refused = (m: Model, error: Model['error'], focus: boolean): Model => ({
  ...m,
  state: 'wrong',
  error,
  focus: to(focus, 0),
});

const expire = (m: Model, focus: boolean): Model => ({
  ...m,
  state: 'expired',
  values: m.values.map(() => ''),
  focus: to(focus, 'm'),
});

/** The job went past its MFA step (or finished) without failing. */
export const movedOn = (job: Job) =>
  job.phase === 'success' ||
  (!job.isTerminal &&
    job.steps.some(
      (s) => s.status === 'success' && (s.title === 'mfa-challenge' || s.result?.type === 'mfa'),
    ));

/** The job stopped asking: answered (here or elsewhere), failed, or timed out. */
export function left(m: Model, job: Job, focus: boolean): Model {
  if (m.state === 'hidden' || m.state === 'accepted' || m.state === 'expired') return m;
  if (job.failure?.code === 'job-timed-out') return expire(m, focus);
  if (m.state !== 'submitting' && m.state !== 'checking') return HIDDEN;
  if (movedOn(job)) return { ...m, state: 'accepted', focus: to(focus, 'm') };
  // Still running: the bank checks the answer. Failed: the failure is the job's to show.
  return job.isTerminal ? HIDDEN : m;
}

/** A second went by: the countdown, and an answer Basiq never took up. */
export function tick(m: Model, at: number, asking: boolean, focus: boolean): Model {
  const next = { ...m, now: at };
  const expiresIn = m.challenge?.expiresInMs;
  if (m.state === 'checking') {
    // Basiq still shows the answered challenge long after the answer: it was not accepted.
    return asking && at - m.sentAt >= POLL_TIMING.mfaSettle ? refused(next, 'wrong', focus) : next;
  }
  if (!answering(m.state) || expiresIn === undefined) return next;
  const remaining = expiresIn - (at - m.shownAt);
  if (remaining <= 0) return expire(next, focus);
  if (remaining <= FINAL_SECONDS && expiresIn > FINAL_SECONDS) next.notice = 'secondsLeft';
  else if (remaining <= ONE_MINUTE && expiresIn > ONE_MINUTE) next.notice = 'oneMinuteLeft';
  return next;
}
