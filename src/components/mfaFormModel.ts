// The MfaForm's state machine: how the job, the clock and the user move the form between its
// states. Pure, so the component stays a thin view over it.
import type { Job, MfaChallenge } from '../client/types.js';
import { POLL_TIMING } from '../queries/nextPollDelay.js';

/**
 * What the form is doing, as the root's `data-state`: `idle` (waiting for the answer),
 * `submitting` (sending it), `checking` (the bank checks it), `wrong` (rejected or not sent:
 * answer again), `expired` (too late: start again), `accepted` (the job moved on).
 */
export type MfaFormState = 'idle' | 'submitting' | 'checking' | 'wrong' | 'expired' | 'accepted';

/** Where focus should go: a field (by index) or the form's message. */
export type MfaFormFocusTarget = number | 'message';

/** The form's state and what it keeps beside it; `hidden` (no challenge) renders nothing. */
export interface MfaFormModel {
  state: MfaFormState | 'hidden';
  /** The last job seen: react-query keeps the same object while the job does not change. */
  job?: Job;
  /** The challenge shown. */
  challenge?: MfaChallenge;
  /** When the form showed the challenge, epoch ms. */
  shownAt: number;
  /** The clock at the last tick, epoch ms. */
  now: number;
  /** When the answer was sent, epoch ms. */
  sentAt: number;
  /**
   * Why the answer is `wrong`: the bank refused it, or it could not be sent. Set to `wrong`
   * as an answer leaves, since an answer asked again was refused.
   */
  error: 'wrong' | 'sendFailed';
  /** A countdown notice, announced in place of the state's message while answering. */
  notice?: 'oneMinuteLeft' | 'secondsLeft';
  /** The fields' values, one per prompt. */
  values: string[];
  /** A send was tried with a field empty: empty fields are marked until the next send. */
  tried?: boolean;
  /** Where to move focus: a new array per move, so moving to the same place again is seen. */
  focus?: [MfaFormFocusTarget];
}

/**
 * What happens to the form. `focusInside`: focus was in the form just before (a move keeps it
 * from being lost); `autoFocus`: the prop, which lets a new or refused challenge take focus.
 */
export type MfaFormEvent =
  /** The job was fetched; the same object again means nothing changed. */
  | { type: 'job'; job: Job; at: number; autoFocus: boolean; focusInside: boolean }
  /** A second went by. */
  | { type: 'tick'; at: number; focusInside: boolean }
  /** The user typed in field `index`. */
  | { type: 'edit'; index: number; value: string }
  /** The user sent the form. */
  | { type: 'submit'; at: number }
  /** The answer reached Basiq. */
  | { type: 'sent' }
  /** The answer could not be sent: `answers` go back into the fields. */
  | { type: 'sendFailed'; answers: string[]; autoFocus: boolean; focusInside: boolean };

/** A label key of `labels.mfaForm`, shown or announced. */
export type MfaFormMessage =
  | 'sending'
  | 'checking'
  | 'wrong'
  | 'sendFailed'
  | 'expired'
  | 'accepted'
  | 'oneMinuteLeft'
  | 'secondsLeft';

/** A minute, in ms: below it the countdown is urgent, and reaching it is announced. */
export const ONE_MINUTE = 60_000;
// Reaching it is announced too (`labels.mfaForm.secondsLeft` says how many seconds).
const FINAL_SECONDS = 15_000;

/** No challenge to show: the form renders nothing. */
export const HIDDEN_FORM: MfaFormModel = {
  state: 'hidden',
  shownAt: 0,
  now: 0,
  sentAt: 0,
  error: 'wrong',
  values: [],
};

/** Waiting for the user's answer (first try or again). */
export const isAnswering = (state: MfaFormModel['state']) => state === 'idle' || state === 'wrong';

/** The answer is on its way or being checked: the form takes no other. */
export const isBusy = (state: MfaFormModel['state']) =>
  state === 'submitting' || state === 'checking';

/** The countdown runs: a challenge waits for its answer, or an answer is being checked. */
export const isTicking = (state: MfaFormModel['state']) =>
  isAnswering(state) || state === 'checking';

/** The answers to send (trimmed), or `undefined` when the form cannot send now. */
export function answersToSend({ state, values }: MfaFormModel): string[] | undefined {
  const answers = values.map((value) => value.trim());
  return isAnswering(state) && !answers.includes('') ? answers : undefined;
}

/** A field left empty after a try to send: marked and described by its error. */
export const isFieldInvalid = ({ state, tried, values }: MfaFormModel, index: number) =>
  !!tried && isAnswering(state) && !values[index]?.trim();

/** The time left to answer, in ms, while the form shows a countdown (else `undefined`). */
export function countdownMs({ state, challenge, now, shownAt }: MfaFormModel) {
  const expiresIn = challenge?.expiresInMs;
  return isAnswering(state) && expiresIn !== undefined ? expiresIn - (now - shownAt) : undefined;
}

/** The state's message, shown (while busy, on the button) and announced; none while idle. */
export function messageOf({ state, error }: MfaFormModel): MfaFormMessage | undefined {
  if (state === 'hidden' || state === 'idle') return undefined;
  if (state === 'submitting') return 'sending';
  return state === 'wrong' ? error : state;
}

/** What the live region says: a countdown notice while answering, else the message. */
export const announcementOf = (model: MfaFormModel) =>
  model.notice && isAnswering(model.state) ? model.notice : messageOf(model);

/** The job went past its MFA step (or finished) without failing. */
export const movedOn = (job: Job) =>
  job.phase === 'success' ||
  (!job.isTerminal &&
    job.steps.some(
      (step) =>
        step.status === 'success' &&
        (step.title === 'mfa-challenge' || step.result?.type === 'mfa'),
    ));

// A new array per move, so moving to the same place again is seen.
const focusOn = (move: boolean, target: MfaFormFocusTarget): MfaFormModel['focus'] =>
  move ? [target] : undefined;

/** The form's reducer: the next model after `event`; the same model when nothing changes. */
export function mfaFormReducer(model: MfaFormModel, event: MfaFormEvent): MfaFormModel {
  const { state, values } = model;
  const busy = isBusy(state);
  const cleared = values.map(() => '');
  switch (event.type) {
    case 'job': {
      const { job, at, focusInside } = event;
      if (job === model.job) return model;
      const { mfa } = job;
      // The job asks (again): a fresh challenge, and after an answer a `wrong` one (refused,
      // or still saying it could not be sent).
      if (mfa)
        return {
          state: busy || state === 'wrong' ? 'wrong' : 'idle',
          job,
          error: model.error,
          challenge: mfa,
          shownAt: at,
          now: at,
          sentAt: 0,
          // A field per prompt; a challenge without prompts still needs one answer.
          values: (mfa.prompts.length ? mfa.prompts : ['']).map(() => ''),
          focus: focusOn(event.autoFocus || focusInside, 0),
        };
      // The job stopped asking: answered (here or elsewhere), failed, or timed out.
      if (state === 'hidden' || state === 'accepted' || state === 'expired')
        return { ...model, job };
      if (job.failure?.code === 'job-timed-out')
        return {
          ...model,
          job,
          state: 'expired',
          values: cleared,
          focus: focusOn(focusInside, 'message'),
        };
      if (busy && movedOn(job))
        return { ...model, job, state: 'accepted', focus: focusOn(focusInside, 'message') };
      // Still running: the bank checks the answer. Failed: the failure is the job's to show.
      return busy && !job.isTerminal ? { ...model, job } : { ...HIDDEN_FORM, job };
    }
    case 'tick': {
      if (!isTicking(state)) return model;
      const { at, focusInside } = event;
      const next = { ...model, now: at };
      if (state === 'checking')
        // Basiq still shows the answered challenge long after the answer: it was not accepted.
        return model.job?.phase === 'mfa-required' && at - model.sentAt >= POLL_TIMING.mfaSettle
          ? { ...next, state: 'wrong', focus: focusOn(focusInside, 0) }
          : next;
      const expiresIn = model.challenge?.expiresInMs;
      if (expiresIn === undefined) return next;
      const remaining = expiresIn - (at - model.shownAt);
      if (remaining <= 0)
        return {
          ...next,
          state: 'expired',
          values: cleared,
          focus: focusOn(focusInside, 'message'),
        };
      if (remaining <= FINAL_SECONDS && expiresIn > FINAL_SECONDS) next.notice = 'secondsLeft';
      else if (remaining <= ONE_MINUTE && expiresIn > ONE_MINUTE) next.notice = 'oneMinuteLeft';
      return next;
    }
    case 'edit':
      return isAnswering(state)
        ? {
            ...model,
            values: values.map((value, index) => (index === event.index ? event.value : value)),
          }
        : model;
    case 'submit': {
      if (!isAnswering(state)) return model;
      const empty = values.findIndex((value) => !value.trim());
      if (empty >= 0) return { ...model, tried: true, focus: [empty] };
      return {
        ...model,
        state: 'submitting',
        sentAt: event.at,
        error: 'wrong',
        notice: undefined,
        tried: false,
        // The answers leave the form's state as they are sent.
        values: cleared,
      };
    }
    case 'sent':
      return state === 'submitting' ? { ...model, state: 'checking' } : model;
    case 'sendFailed':
      // Not sent: the typed answer comes back, ready to send again.
      return state === 'submitting'
        ? {
            ...model,
            state: 'wrong',
            error: 'sendFailed',
            values: event.answers,
            focus: focusOn(event.autoFocus || event.focusInside, 0),
          }
        : model;
  }
}
