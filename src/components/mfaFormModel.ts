// The MfaForm's state machine: what the form shows and announces, derived from the job and
// from what the user did. Pure, so the component stays a thin view over it.
import type { Job, JobPhase, MfaChallenge } from '../client/types.js';
import { formatLabel, type BasiqLabels } from '../labels/defaultLabels.js';
import { POLL_TIMING } from '../queries/nextPollDelay.js';

/**
 * What the form is doing, as the root's `data-state`: `idle` (waiting for the answer),
 * `submitting` (sending it), `checking` (the bank checks it), `wrong` (rejected or not sent:
 * answer again), `expired` (too late: start again), `accepted` (the job moved on).
 */
export type MfaFormState = 'idle' | 'submitting' | 'checking' | 'wrong' | 'expired' | 'accepted';

export type Labels = BasiqLabels['mfaForm'];

/** Announced (and, but for the countdown notices, shown) on each change of state. */
export type Notice =
  | 'sending'
  | 'checking'
  | 'wrong'
  | 'sendFailed'
  | 'expired'
  | 'accepted'
  | 'oneMinuteLeft'
  | 'secondsLeft';

/** Countdown points announced to screen readers, in ms left. */
export const ONE_MINUTE = 60_000;
export const FINAL_SECONDS = 15_000;

export type Challenge = Pick<MfaChallenge, 'method' | 'description' | 'prompts' | 'expiresInMs'>;

export interface Model {
  state: MfaFormState | 'hidden';
  challenge?: Challenge;
  /** When the form first showed the challenge, epoch ms. */
  shownAt: number;
  /** The clock at the last tick, epoch ms. */
  now: number;
  /** When the answer was sent, epoch ms. */
  sentAt: number;
  /** The job left the challenge after the answer was sent: the bank is checking it. */
  left: boolean;
  error?: 'wrong' | 'sendFailed';
  notice?: Notice;
  values: string[];
  invalid: boolean[];
  /** A request to move focus: to a field (by index) or to the message; `tick` counts them. */
  focus: { to: 'field' | 'message'; index: number; tick: number };
}

export type Action =
  | { type: 'challenge'; challenge: Challenge; at: number; focus: boolean }
  | { type: 'job'; phase: JobPhase; movedOn: boolean; timedOut: boolean; focus: boolean }
  | { type: 'tick'; at: number; asking: boolean; focus: boolean }
  | { type: 'change'; index: number; value: string }
  | { type: 'invalid'; invalid: boolean[] }
  | { type: 'submit'; at: number }
  | { type: 'sent' }
  | { type: 'sendFailed'; focus: boolean };

export const INITIAL: Model = {
  state: 'hidden',
  shownAt: 0,
  now: 0,
  sentAt: 0,
  left: false,
  values: [],
  invalid: [],
  focus: { to: 'field', index: 0, tick: 0 },
};

const focusOn = (m: Model, move: boolean, to: 'field' | 'message', index = 0) =>
  move ? { to, index, tick: m.focus.tick + 1 } : m.focus;

// A field per prompt; a challenge without prompts still needs one answer.
const blank = (challenge: Challenge) =>
  (challenge.prompts.length ? challenge.prompts : ['']).map(() => '');

const expire = (m: Model, focus: boolean): Model => ({
  ...m,
  state: 'expired',
  error: undefined,
  notice: 'expired',
  values: m.values.map(() => ''),
  invalid: [],
  focus: focusOn(m, focus, 'message'),
});

const hide = (m: Model): Model => ({ ...INITIAL, focus: m.focus });

export function reduce(m: Model, action: Action): Model {
  switch (action.type) {
    case 'challenge': {
      // A challenge after an answer means the bank asks again: the answer was wrong.
      const retry = m.state === 'submitting' || m.state === 'checking' || m.state === 'wrong';
      const error = m.state === 'wrong' ? m.error : 'wrong';
      return {
        ...m,
        state: retry ? 'wrong' : 'idle',
        challenge: action.challenge,
        shownAt: action.at,
        now: action.at,
        left: false,
        error: retry ? error : undefined,
        notice: retry ? error : undefined,
        values: blank(action.challenge),
        invalid: [],
        focus: focusOn(m, action.focus, 'field'),
      };
    }
    case 'job': {
      // The job is not waiting for an answer (any more).
      if (m.state === 'hidden' || m.state === 'accepted') return m;
      if (action.timedOut) return m.state === 'expired' ? m : expire(m, action.focus);
      if (m.state === 'expired') return m;
      if (m.state === 'submitting' || m.state === 'checking') {
        if (action.movedOn) {
          return {
            ...m,
            state: 'accepted',
            notice: 'accepted',
            focus: focusOn(m, action.focus, 'message'),
          };
        }
        if (action.phase === 'failed') return hide(m);
        return m.left ? m : { ...m, left: true };
      }
      // Answered elsewhere, or failed: nothing left to answer here.
      return hide(m);
    }
    case 'tick': {
      const next = { ...m, now: action.at };
      const expiresIn = m.challenge?.expiresInMs;
      if ((m.state === 'idle' || m.state === 'wrong') && expiresIn !== undefined) {
        const left = expiresIn - (action.at - m.shownAt);
        if (left <= 0) return expire(next, action.focus);
        if (left <= FINAL_SECONDS && expiresIn > FINAL_SECONDS) next.notice = 'secondsLeft';
        else if (left <= ONE_MINUTE && expiresIn > ONE_MINUTE) next.notice = 'oneMinuteLeft';
      }
      // Basiq still shows the answered challenge long after the answer: it was not accepted.
      if (
        m.state === 'checking' &&
        !m.left &&
        action.asking &&
        action.at - m.sentAt >= POLL_TIMING.mfaSettle
      ) {
        return {
          ...next,
          state: 'wrong',
          error: 'wrong',
          notice: 'wrong',
          focus: focusOn(m, action.focus, 'field'),
        };
      }
      return next;
    }
    case 'change': {
      const values = m.values.map((v, i) => (i === action.index ? action.value : v));
      const invalid = m.invalid.map((v, i) => (i === action.index ? false : v));
      return { ...m, values, invalid };
    }
    case 'invalid':
      return {
        ...m,
        invalid: action.invalid,
        focus: focusOn(m, true, 'field', Math.max(0, action.invalid.indexOf(true))),
      };
    case 'submit':
      if (m.state !== 'idle' && m.state !== 'wrong') return m;
      return {
        ...m,
        state: 'submitting',
        sentAt: action.at,
        left: false,
        error: undefined,
        notice: 'sending',
        // The answers leave the form's state as they are sent.
        values: m.values.map(() => ''),
        invalid: [],
      };
    case 'sent':
      return m.state === 'submitting' ? { ...m, state: 'checking', notice: 'checking' } : m;
    case 'sendFailed':
      if (m.state !== 'submitting') return m;
      return {
        ...m,
        state: 'wrong',
        error: 'sendFailed',
        notice: 'sendFailed',
        focus: focusOn(m, action.focus, 'field'),
      };
  }
}

/** The job went past its MFA step (or finished) without failing. */
export function hasMovedOn(job: Job): boolean {
  if (job.phase === 'success') return true;
  if (job.phase !== 'in-progress' && job.phase !== 'pending') return false;
  return job.steps.some(
    (step) =>
      step.status === 'success' && (step.title === 'mfa-challenge' || step.result?.type === 'mfa'),
  );
}

export function noticeText(labels: Labels, notice: Notice | undefined): string {
  if (!notice) return '';
  if (notice === 'secondsLeft') {
    return formatLabel(labels.secondsLeft, { seconds: FINAL_SECONDS / 1000 });
  }
  return labels[notice];
}
