'use client';
import { useEffect, useId, useLayoutEffect, useReducer, useRef, type FormEvent } from 'react';
import { useComponentLabels } from '../hooks/useComponentLabels.js';
import { useStylesCheck } from '../hooks/useStylesCheck.js';
import { useJob } from '../hooks/useJob.js';
import { useSubmitMfa } from '../hooks/useSubmitMfa.js';
import { formatLabel } from '../labels/defaultLabels.js';
import { formatCountdown } from './format.js';
import { Announce, Announcer } from './Announcer.js';
import {
  announcementOf,
  answersToSend,
  countdownMs,
  HIDDEN_FORM,
  isTicking,
  isBusy,
  isFieldInvalid,
  messageOf,
  mfaFormReducer,
  ONE_MINUTE,
  type MfaFormState,
} from './mfaFormModel.js';
import { mfaFormLabels } from '../labels/mfaFormLabels.js';

/** The label sections this component reads: only their texts ship with it. */
const LABELS = { mfaForm: mfaFormLabels };

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

// Read just before a change that may move focus: a move keeps focus from being lost.
const holdsFocus = (form: HTMLFormElement | null) => !!form?.contains(document.activeElement);

/**
 * Answers a job's MFA challenge: one labelled field per prompt (a one-time-code field for
 * `token` challenges, text fields for security questions), the bank's description, and a
 * countdown to the challenge's expiry. The answer is sent once however often the user presses
 * Enter or clicks; while the bank checks it the form says so; a wrong answer (the bank asks
 * again) shows an error and clears the fields for another try, and an answer that could not be
 * sent stays in the fields to send again; once the job moves on the form says the answer was
 * accepted and calls `onAccepted`. Past the expiry the fields are disabled and the user is told
 * to start again. Every change is announced politely.
 *
 * The form renders nothing until the job asks for an answer, and nothing when the job is not
 * waiting for this form's answer (still connecting, answered elsewhere, or failed: the failure
 * is the job's to show, e.g. by `ConnectionStatus`); once shown, it keeps showing `expired` and
 * `accepted`. The root `.basiq-MfaForm` carries `data-state` ({@link MfaFormState}) and
 * `data-method`.
 *
 * @param props - The job whose challenge to answer (`jobId`), and `onAccepted`.
 *
 * @example
 * const { phase } = useJob(jobId);
 * {phase === 'mfa-required' && <MfaForm jobId={jobId} onAccepted={() => toast('Thanks!')} />}
 */
export function MfaForm({ jobId, onAccepted, autoFocus = true, className }: MfaFormProps) {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- the condition is fixed per build
  if (process.env.NODE_ENV !== 'production') useStylesCheck();
  const labels = useComponentLabels('MfaForm', LABELS).mfaForm;
  const { job, refetch } = useJob(jobId);
  const submit = useSubmitMfa(jobId, { gcTime: 0 });
  const [model, dispatch] = useReducer(mfaFormReducer, HIDDEN_FORM);
  const { state, values, focus, shownAt, challenge } = model;
  const rootRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const id = useId();
  const busy = isBusy(state);

  // The job asks (again) or stops asking. react-query keeps the same job object while a poll
  // changes nothing, and the reducer ignores a job it has seen.
  useEffect(() => {
    if (!job) return;
    const focusInside = holdsFocus(rootRef.current);
    dispatch({ type: 'job', job, at: Date.now(), autoFocus, focusInside });
  }, [job, autoFocus]);

  // The countdown (and the check for an answer Basiq never took up) ticks every second,
  // restarted with each challenge so the seconds count from when it was shown.
  const ticking = isTicking(state);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => {
      dispatch({ type: 'tick', at: Date.now(), focusInside: holdsFocus(rootRef.current) });
    }, 1000);
    return () => clearInterval(timer);
  }, [ticking, shownAt]);

  // Before paint, so nothing sees the form without its focus.
  useLayoutEffect(() => {
    if (!focus) return;
    const [target] = focus;
    // The fields are the form's first controls.
    const element = target === 'message' ? messageRef.current : rootRef.current?.elements[target];
    (element as HTMLElement | null | undefined)?.focus();
  }, [focus]);

  // In the commit that shows the acceptance, so whoever watches sees both together.
  const accepted = state === 'accepted';
  useLayoutEffect(() => {
    if (accepted) onAccepted?.(jobId);
    // Once per acceptance, however often the caller passes a new callback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accepted]);

  if (state === 'hidden' || !challenge) return null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const answers = answersToSend(model);
    dispatch({ type: 'submit', at: Date.now() });
    if (!answers) return;
    submit.mutate(answers, {
      onSuccess: () => dispatch({ type: 'sent' }),
      onError: () => {
        const focusInside = holdsFocus(rootRef.current);
        dispatch({ type: 'sendFailed', answers, autoFocus, focusInside });
        // The job may have moved on (or expired) meanwhile. Joins the refetch useSubmitMfa
        // starts after an answer that may have arrived, instead of sending a second one.
        void refetch({ cancelRefetch: false });
      },
      // Nothing keeps the answers: not the form, not the mutation cache.
      onSettled: () => submit.reset(),
    });
  }

  const isToken = challenge.method === 'token';
  const remaining = countdownMs(model);
  const message = messageOf(model);
  const announcement = announcementOf(model);
  const description = !accepted && challenge.description;

  return (
    <form
      ref={rootRef}
      className={className ? `basiq-MfaForm ${className}` : 'basiq-MfaForm'}
      data-state={state}
      data-method={challenge.method}
      aria-labelledby={id + 't'}
      aria-describedby={description ? id + 'd' : undefined}
      noValidate
      onSubmit={onSubmit}
    >
      <Announcer>
        <Announce
          message={announcement ? labels[announcement] : ''}
          urgent={announcement === 'expired'}
        />
        <p id={id + 't'} className="basiq-MfaForm-title">
          {labels.title}
        </p>
        {description && (
          <p id={id + 'd'} className="basiq-MfaForm-description">
            {description}
          </p>
        )}
        {message && !busy && (
          <p ref={messageRef} id={id + 'm'} tabIndex={-1} className="basiq-MfaForm-message">
            {labels[message]}
          </p>
        )}
        {!accepted && (
          <>
            {values.map((value, index) => {
              const invalid = isFieldInvalid(model, index);
              const describedBy = [
                invalid && `${id}e${index}`,
                !index && state === 'wrong' && id + 'm',
              ];
              return (
                <div key={index} className="basiq-MfaForm-field">
                  <label htmlFor={id + index} className="basiq-MfaForm-label">
                    {challenge.prompts[index] || labels.answer}
                  </label>
                  <input
                    id={id + index}
                    className="basiq-MfaForm-input"
                    autoComplete={isToken ? 'one-time-code' : 'off'}
                    inputMode={isToken ? 'numeric' : undefined}
                    spellCheck={false}
                    autoCapitalize="off"
                    required
                    aria-invalid={invalid || undefined}
                    aria-describedby={describedBy.filter(Boolean).join(' ') || undefined}
                    value={value}
                    readOnly={busy}
                    disabled={state === 'expired'}
                    onChange={(event) =>
                      dispatch({ type: 'edit', index, value: event.target.value })
                    }
                  />
                  {invalid && (
                    <p id={`${id}e${index}`} className="basiq-MfaForm-fieldError">
                      {labels.required}
                    </p>
                  )}
                </div>
              );
            })}
            {remaining !== undefined && (
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
              disabled={state === 'expired'}
            >
              {busy && message ? labels[message] : labels.submit}
            </button>
          </>
        )}
      </Announcer>
    </form>
  );
}
