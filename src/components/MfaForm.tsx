'use client';
import { useEffect, useId, useLayoutEffect, useReducer, useRef, type FormEvent } from 'react';
import type { JobPhase } from '../client/types.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { useJob } from '../hooks/useJob.js';
import { useSubmitMfa } from '../hooks/useSubmitMfa.js';
import { formatLabel } from '../labels/defaultLabels.js';
import { formatCountdown } from './format.js';
import { LiveRegion } from './LiveRegion.js';
import {
  hasMovedOn,
  INITIAL,
  noticeText,
  ONE_MINUTE,
  reduce,
  type MfaFormState,
} from './mfaFormModel.js';

export type { MfaFormState };

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
