'use client';
import { useEffect, useId, useLayoutEffect, useReducer, useRef, type FormEvent } from 'react';
import type { Job, JobPhase, MfaChallenge } from '../client/types.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { useJob } from '../hooks/useJob.js';
import { useSubmitMfa } from '../hooks/useSubmitMfa.js';
import { formatLabel, type BasiqLabels } from '../labels/defaultLabels.js';
import { POLL_TIMING } from '../queries/nextPollDelay.js';
import { formatCountdown } from './format.js';
import { LiveRegion } from './LiveRegion.js';

/** Props of {@link MfaForm}. */
export interface MfaFormProps {
  /** The job whose MFA challenge to answer. */
  jobId: string;
  /** Called once Basiq accepted the answer (the job moved on). */
  onAccepted?: (jobId: string) => void;
  /** Move focus to the first field when the form appears. @default true */
  autoFocus?: boolean;
  /** Extra class on the root element. */
  className?: string;
}

/**
 * What the form is doing, as the root's `data-state`: `idle` (waiting for the answer),
 * `submitting` (sending it), `checking` (the bank checks it), `wrong` (rejected or not sent:
 * answer again), `expired` (too late: start again), `accepted` (the job moved on).
 */
export type MfaFormState = 'idle' | 'submitting' | 'checking' | 'wrong' | 'expired' | 'accepted';

type Labels = BasiqLabels['mfaForm'];

/** Announced (and, but for the countdown notices, shown) on each change of state. */
type Notice =
  | 'sending'
  | 'checking'
  | 'wrong'
  | 'sendFailed'
  | 'expired'
  | 'accepted'
  | 'oneMinuteLeft'
  | 'secondsLeft';

/** Countdown points announced to screen readers, in ms left. */
const ONE_MINUTE = 60_000;
const FINAL_SECONDS = 15_000;

type Challenge = Pick<MfaChallenge, 'method' | 'description' | 'prompts' | 'expiresInMs'>;

interface Model {
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

type Action =
  | { type: 'challenge'; challenge: Challenge; at: number; focus: boolean }
  | { type: 'job'; phase: JobPhase; movedOn: boolean; timedOut: boolean; focus: boolean }
  | { type: 'tick'; at: number; asking: boolean; focus: boolean }
  | { type: 'change'; index: number; value: string }
  | { type: 'invalid'; invalid: boolean[] }
  | { type: 'submit'; at: number }
  | { type: 'sent' }
  | { type: 'sendFailed'; focus: boolean };

const INITIAL: Model = {
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

function reduce(m: Model, action: Action): Model {
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
function hasMovedOn(job: Job): boolean {
  if (job.phase === 'success') return true;
  if (job.phase !== 'in-progress' && job.phase !== 'pending') return false;
  return job.steps.some(
    (step) =>
      step.status === 'success' && (step.title === 'mfa-challenge' || step.result?.type === 'mfa'),
  );
}

function noticeText(labels: Labels, notice: Notice | undefined): string {
  if (!notice) return '';
  if (notice === 'secondsLeft') {
    return formatLabel(labels.secondsLeft, { seconds: FINAL_SECONDS / 1000 });
  }
  return labels[notice];
}

/**
 * Answers a job's MFA challenge: one labelled field per prompt (a one-time-code field for
 * `token` challenges, text fields for security questions), the bank's description, and a
 * countdown to the challenge's expiry. The answer is sent once however often the user presses
 * Enter or clicks; while the bank checks it the form says so; a wrong answer (the bank asks
 * again) or a failed send shows an error and clears the fields for another try; once the job
 * moves on the form says the answer was accepted and calls `onAccepted`. Past the expiry the
 * fields are disabled and the user is told to start again. Every change is announced politely.
 *
 * The form renders nothing until the job asks for an answer, and nothing when the job is not
 * waiting for this form's answer (still connecting, answered elsewhere, or failed: the failure
 * is the job's to show, e.g. by `ConnectionStatus`); once shown, it keeps showing `expired` and
 * `accepted`. The root `.basiq-MfaForm` carries `data-state` ({@link MfaFormState}) and
 * `data-method`.
 *
 * @example
 * const { phase } = useJob(jobId);
 * {phase === 'mfa-required' && <MfaForm jobId={jobId} onAccepted={() => toast('Thanks!')} />}
 */
export function MfaForm({ jobId, onAccepted, autoFocus = true, className }: MfaFormProps) {
  const labels = useBasiqLabels().mfaForm;
  const query = useJob(jobId);
  const { job, phase, mfa, failure } = query;
  const submit = useSubmitMfa(jobId, { gcTime: 0 });
  const [model, dispatch] = useReducer(reduce, INITIAL);
  const rootRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const busyRef = useRef(false);
  const seen = useRef<{ phase?: JobPhase; key?: string }>({});
  const onAcceptedRef = useRef(onAccepted);
  const id = useId();

  const focusInside = () => {
    const root = rootRef.current;
    return !!root && root.contains(document.activeElement);
  };

  // A new challenge: the job came (back) to MFA, or Basiq changed the challenge.
  const key =
    phase === 'mfa-required' && mfa
      ? JSON.stringify([job?.updated, mfa.method, mfa.description, mfa.prompts, mfa.expiresInMs])
      : undefined;
  const movedOn = job ? hasMovedOn(job) : false;
  const timedOut = phase === 'failed' && failure?.code === 'job-timed-out';
  useEffect(() => {
    const before = seen.current;
    seen.current = { phase, key };
    if (key !== undefined && mfa) {
      if (before.phase === 'mfa-required' && before.key === key) return;
      const { method, description, prompts, expiresInMs } = mfa;
      dispatch({
        type: 'challenge',
        challenge: { method, description, prompts, expiresInMs },
        at: Date.now(),
        focus: autoFocus || focusInside(),
      });
    } else if (phase !== undefined && phase !== 'mfa-required') {
      dispatch({ type: 'job', phase, movedOn, timedOut, focus: focusInside() });
    }
  }, [phase, key, mfa, movedOn, timedOut, autoFocus]);

  // The countdown (and the check for an answer Basiq never took up) ticks every second.
  const { state } = model;
  const ticking = state === 'idle' || state === 'wrong' || state === 'checking';
  const asking = phase === 'mfa-required';
  const { shownAt } = model;
  useEffect(() => {
    if (!ticking) return;
    // Restarted with each challenge, so the seconds count from when it was shown.
    const timer = setInterval(
      () => dispatch({ type: 'tick', at: Date.now(), asking, focus: focusInside() }),
      1000,
    );
    return () => clearInterval(timer);
  }, [ticking, asking, shownAt]);

  useEffect(() => {
    if (state !== 'idle' && state !== 'wrong') return;
    busyRef.current = false;
  }, [state]);

  useEffect(() => {
    onAcceptedRef.current = onAccepted;
  }, [onAccepted]);
  useEffect(() => {
    if (state === 'accepted') onAcceptedRef.current?.(jobId);
  }, [state, jobId]);

  // Before paint, so nothing sees the form without its focus.
  const { tick, to, index } = model.focus;
  useLayoutEffect(() => {
    if (tick === 0) return;
    if (to === 'message') messageRef.current?.focus();
    else document.getElementById(`${id}-field-${index}`)?.focus();
  }, [tick, to, index, id]);

  const { challenge } = model;
  if (state === 'hidden' || !challenge) return null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busyRef.current || (state !== 'idle' && state !== 'wrong')) return;
    const answers = model.values.map((value) => value.trim());
    const invalid = answers.map((answer) => answer === '');
    if (invalid.some(Boolean)) {
      dispatch({ type: 'invalid', invalid });
      return;
    }
    busyRef.current = true;
    dispatch({ type: 'submit', at: Date.now() });
    submit.mutate(answers, {
      onSuccess: () => dispatch({ type: 'sent' }),
      onError: () => {
        dispatch({ type: 'sendFailed', focus: autoFocus || focusInside() });
        // The job may have moved on (or expired) meanwhile.
        void query.refetch();
      },
      // Nothing keeps the answers: not the form, not the mutation cache.
      onSettled: () => submit.reset(),
    });
  }

  const busy = state === 'submitting' || state === 'checking';
  const locked = state === 'expired';
  const token = challenge.method === 'token';
  const prompts = challenge.prompts.length ? challenge.prompts : [''];
  const expiresIn = challenge.expiresInMs;
  const remaining = expiresIn === undefined ? undefined : expiresIn - (model.now - model.shownAt);
  const announcement = noticeText(labels, model.notice);
  const message =
    state === 'wrong' && model.error
      ? labels[model.error]
      : state === 'submitting' ||
          state === 'checking' ||
          state === 'expired' ||
          state === 'accepted'
        ? labels[state === 'submitting' ? 'sending' : state]
        : '';
  const messageId = `${id}-message`;
  const descriptionId = `${id}-description`;
  const button =
    state === 'submitting'
      ? labels.submitting
      : state === 'checking'
        ? labels.checkingButton
        : labels.submit;

  return (
    <form
      ref={rootRef}
      className={className ? `basiq-MfaForm ${className}` : 'basiq-MfaForm'}
      data-state={state}
      data-method={challenge.method}
      aria-labelledby={`${id}-title`}
      aria-describedby={challenge.description ? descriptionId : undefined}
      noValidate
      onSubmit={onSubmit}
    >
      <LiveRegion message={announcement} />
      <p id={`${id}-title`} className="basiq-MfaForm-title">
        {labels.title}
      </p>
      {challenge.description && state !== 'accepted' && (
        <p id={descriptionId} className="basiq-MfaForm-description">
          {challenge.description}
        </p>
      )}
      {message && (
        <p
          ref={messageRef}
          id={messageId}
          tabIndex={-1}
          className="basiq-MfaForm-message"
          data-tone={
            state === 'wrong' || state === 'expired'
              ? 'error'
              : state === 'accepted'
                ? 'success'
                : 'info'
          }
        >
          {message}
        </p>
      )}
      {state !== 'accepted' && (
        <>
          {prompts.map((prompt, i) => {
            const fieldId = `${id}-field-${i}`;
            const errorId = `${fieldId}-error`;
            const invalid = model.invalid[i] === true;
            const describedBy = [
              invalid && errorId,
              i === 0 && state === 'wrong' && messageId,
            ].filter(Boolean);
            return (
              <div key={i} className="basiq-MfaForm-field">
                <label htmlFor={fieldId} className="basiq-MfaForm-label">
                  {prompt || labels.answer}
                </label>
                <input
                  id={fieldId}
                  className="basiq-MfaForm-input"
                  type="text"
                  name={`mfa-answer-${i}`}
                  autoComplete={token ? 'one-time-code' : 'off'}
                  inputMode={token ? 'numeric' : undefined}
                  spellCheck={false}
                  autoCapitalize="off"
                  required
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy.length ? describedBy.join(' ') : undefined}
                  value={model.values[i] ?? ''}
                  readOnly={busy}
                  disabled={locked}
                  onChange={(event) =>
                    dispatch({ type: 'change', index: i, value: event.target.value })
                  }
                />
                {invalid && (
                  <p id={errorId} className="basiq-MfaForm-fieldError">
                    {labels.required}
                  </p>
                )}
              </div>
            );
          })}
          {remaining !== undefined && (state === 'idle' || state === 'wrong') && (
            <p
              className="basiq-MfaForm-countdown"
              data-urgent={remaining <= ONE_MINUTE || undefined}
            >
              {formatLabel(labels.countdown, { time: formatCountdown(remaining) })}
            </p>
          )}
          <button
            type="submit"
            className="basiq-MfaForm-submit"
            aria-disabled={busy || undefined}
            disabled={locked}
          >
            {button}
          </button>
        </>
      )}
    </form>
  );
}
