'use client';
import { useEffect, useId, useLayoutEffect, useReducer, useRef, type FormEvent } from 'react';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { useJob } from '../hooks/useJob.js';
import { useSubmitMfa } from '../hooks/useSubmitMfa.js';
import { formatLabel } from '../labels/defaultLabels.js';
import { formatCountdown } from './format.js';
import { LiveRegion } from './LiveRegion.js';
import {
  answering,
  challenge,
  HIDDEN,
  left,
  movedOn,
  ONE_MINUTE,
  refused,
  tick,
  type MfaFormState,
  type Model,
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

const apply = (m: Model, change: (m: Model) => Model) => change(m);

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
  const labels = useBasiqLabels().mfaForm;
  const { job, phase, refetch } = useJob(jobId);
  const submit = useSubmitMfa(jobId, { gcTime: 0 });
  const [m, dispatch] = useReducer(apply, HIDDEN);
  const { state, values } = m;
  const rootRef = useRef<HTMLFormElement>(null);
  const seen = useRef('');
  const id = useId();
  const inside = () => !!rootRef.current?.contains(document.activeElement);
  const busy = state === 'submitting' || state === 'checking';

  // The job asks (again) or stops asking; polls that change nothing change nothing here.
  useEffect(() => {
    if (!job) return;
    const key = JSON.stringify(job);
    if (key === seen.current) return;
    seen.current = key;
    const { mfa } = job;
    const focus = inside();
    const at = Date.now();
    if (mfa) return dispatch((m) => challenge(m, mfa, at, autoFocus || focus));
    if (busy && movedOn(job)) onAccepted?.(jobId);
    dispatch((m) => left(m, job, focus));
  }, [job, busy, autoFocus, onAccepted, jobId]);

  // The countdown (and the check for an answer Basiq never took up) ticks every second,
  // restarted with each challenge so the seconds count from when it was shown.
  const ticking = answering(state) || state === 'checking';
  const asking = phase === 'mfa-required';
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => {
      const at = Date.now();
      const focus = inside();
      dispatch((m) => tick(m, at, asking, focus));
    }, 1000);
    return () => clearInterval(timer);
  }, [ticking, asking, m.shownAt]);

  // Before paint, so nothing sees the form without its focus.
  const { focus } = m;
  useLayoutEffect(() => {
    if (focus) document.getElementById(id + focus[0])?.focus();
  }, [focus, id]);

  if (state === 'hidden') return null;
  const shown = m.challenge!;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!answering(state)) return;
    const answers = values.map((value) => value.trim());
    const empty = answers.indexOf('');
    if (empty >= 0) return dispatch((m) => ({ ...m, tried: true, focus: [empty] }));
    const at = Date.now();
    dispatch((m) => ({
      ...m,
      state: 'submitting',
      sentAt: at,
      error: undefined,
      notice: undefined,
      tried: false,
      // The answers leave the form's state as they are sent.
      values: values.map(() => ''),
    }));
    submit.mutate(answers, {
      onSuccess: () =>
        dispatch((m) => (m.state === 'submitting' ? { ...m, state: 'checking' } : m)),
      onError: () => {
        const focus = autoFocus || inside();
        // Not sent: the typed answer comes back, ready to send again.
        dispatch((m) =>
          m.state === 'submitting' ? { ...refused(m, 'sendFailed', focus), values: answers } : m,
        );
        // The job may have moved on (or expired) meanwhile. Joins the refetch useSubmitMfa
        // starts after an answer that may have arrived, instead of sending a second one.
        void refetch({ cancelRefetch: false });
      },
      // Nothing keeps the answers: not the form, not the mutation cache.
      onSettled: () => submit.reset(),
    });
  }

  const done = state === 'accepted';
  const token = shown.method === 'token';
  const expiresIn = shown.expiresInMs;
  const remaining = expiresIn! - (m.now - m.shownAt);
  // Shown (but while busy, on the button) and announced; nothing to say while idle.
  const said =
    state !== 'idle' &&
    labels[state === 'submitting' ? 'sending' : state === 'wrong' ? m.error! : state];
  const marked = m.tried && answering(state);
  const description = !done && shown.description;

  return (
    <form
      ref={rootRef}
      className={className ? `basiq-MfaForm ${className}` : 'basiq-MfaForm'}
      data-state={state}
      data-method={shown.method}
      aria-labelledby={id + 't'}
      aria-describedby={description ? id + 'd' : undefined}
      noValidate
      onSubmit={onSubmit}
    >
      <LiveRegion message={m.notice && answering(state) ? labels[m.notice] : said || ''} />
      <p id={id + 't'} className="basiq-MfaForm-title">
        {labels.title}
      </p>
      {description && (
        <p id={id + 'd'} className="basiq-MfaForm-description">
          {description}
        </p>
      )}
      {said && !busy && (
        <p id={id + 'm'} tabIndex={-1} className="basiq-MfaForm-message">
          {said}
        </p>
      )}
      {!done && (
        <>
          {values.map((value, i) => {
            const invalid = marked && !value.trim();
            const describedBy = [invalid && `${id}e${i}`, !i && state === 'wrong' && id + 'm'];
            return (
              <div key={i} className="basiq-MfaForm-field">
                <label htmlFor={id + i} className="basiq-MfaForm-label">
                  {shown.prompts[i] || labels.answer}
                </label>
                <input
                  id={id + i}
                  className="basiq-MfaForm-input"
                  autoComplete={token ? 'one-time-code' : 'off'}
                  inputMode={token ? 'numeric' : undefined}
                  spellCheck={false}
                  autoCapitalize="off"
                  required
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy.filter(Boolean).join(' ') || undefined}
                  value={value}
                  readOnly={busy}
                  disabled={state === 'expired'}
                  onChange={(event) => {
                    const { value } = event.target;
                    dispatch((m) => ({
                      ...m,
                      values: m.values.map((v, j) => (j === i ? value : v)),
                    }));
                  }}
                />
                {invalid && (
                  <p id={`${id}e${i}`} className="basiq-MfaForm-fieldError">
                    {labels.required}
                  </p>
                )}
              </div>
            );
          })}
          {answering(state) && expiresIn !== undefined && (
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
            {busy ? said : labels.submit}
          </button>
        </>
      )}
    </form>
  );
}
