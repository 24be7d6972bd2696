'use client';
import { memo, useEffect, useRef } from 'react';
import type { JobPhase } from '../client/types.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { useJob } from '../hooks/useJob.js';
import type { ConnectionStatusProps } from './ConnectionStatus.js';
import { formatLabel } from '../labels/defaultLabels.js';
import {
  ConnectionStatusSteps,
  currentStep,
  progressText,
  stepName,
} from './ConnectionStatusSteps.js';
import { failureFamily } from './failureAdvice.js';
import { LiveRegion } from './LiveRegion.js';
import { MfaForm } from './MfaForm.js';

/** What a host can hook into, shared by every job `ConnectionStatus` shows. */
export type ConnectionStatusCallbacks = Pick<
  ConnectionStatusProps,
  'onSuccess' | 'onFailure' | 'onMfa' | 'renderMfa' | 'renderFailureAction' | 'maxPollMs'
>;

interface ConnectionStatusJobProps extends ConnectionStatusCallbacks {
  jobId: string;
  /** Set when several jobs are shown: this one's place among them (1-based), and how many. */
  n?: number;
  total?: number;
  /** The root's extra class, when this job is the whole component. */
  className?: string;
}

/**
 * One job's status: steps, progress, MFA, failure advice, and a live region. It is the whole
 * `ConnectionStatus` for one job, or one section of it for several.
 */
export const ConnectionStatusJob = /* @__PURE__ */ memo(function ConnectionStatusJob({
  jobId,
  n,
  total,
  className,
  maxPollMs,
  onSuccess,
  onFailure,
  onMfa,
  renderMfa,
  renderFailureAction,
}: ConnectionStatusJobProps) {
  const labels = useBasiqLabels();
  const cs = labels.connectionStatus;
  // Reads only data and error: polls that change nothing do not re-render this.
  const { job, error, refetch } = useJob(jobId, { maxPollMs });

  // onSuccess / onFailure / onMfa, once each time the job enters that phase (per mounted
  // component: StrictMode's second effect run and polls that change nothing call nothing).
  const seen = useRef<JobPhase>(undefined);
  useEffect(() => {
    if (!job || seen.current === job.phase) return;
    seen.current = job.phase;
    if (job.phase === 'success') onSuccess?.(job);
    else if (job.phase === 'failed') onFailure?.(job);
    else if (job.mfa) onMfa?.(job.mfa);
  }, [job, onSuccess, onFailure, onMfa]);

  // After "Try again" or "Check again" loads the job, the button is gone: focus moves to the
  // job's status.
  const retried = useRef(false);
  const phaseRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!job || error || !retried.current) return;
    retried.current = false;
    phaseRef.current?.focus();
  }, [job, error]);

  const status = (error as { status?: number } | null)?.status;
  const gone = status === 404 || status === 410;
  // Still running, but polling stopped at `maxPollMs`.
  const stalled = !!job && error?.name === 'BasiqPollTimeoutError';
  const failure = job?.failure;
  const family = failure && failureFamily(failure.code);
  const advice = family && cs.failure[family];
  const phase = job && labels.phase[job.phase];
  const step = job?.phase === 'in-progress' && currentStep(job.steps);
  // What the live region says: it changes (and is announced) only when this does.
  const said = !job
    ? error
      ? gone
        ? cs.notFound
        : cs.loadError
      : ''
    : stalled
      ? cs.stalled
      : advice
        ? `${phase}. ${advice.message}`
        : step
          ? `${stepName(step.title, labels)}… ${progressText(job.steps, labels)}`
          : phase!;
  const name = n && formatLabel(cs.connection, { n, total: total! });
  const state = stalled ? 'timed-out' : (job?.phase ?? (error ? 'error' : 'loading'));
  // The form stays mounted while the job runs, so it can show "checking" and a wrong answer
  // after a submit; it renders nothing when there is nothing to ask.
  const mfa = renderMfa
    ? job?.mfa && renderMfa(job.mfa, jobId)
    : job && !job.isTerminal && <MfaForm jobId={jobId} />;

  return (
    <div
      {...(name
        ? { role: 'group', 'aria-label': name, className: 'basiq-ConnectionStatus-job' }
        : {
            className: className ? `basiq-ConnectionStatus ${className}` : 'basiq-ConnectionStatus',
          })}
      data-phase={state}
      aria-busy={state === 'loading' || undefined}
    >
      <LiveRegion message={name && said ? `${name}: ${said}` : said} />
      {name && <p className="basiq-ConnectionStatus-jobName">{name}</p>}
      {job ? (
        <>
          <p ref={phaseRef} tabIndex={-1} className="basiq-ConnectionStatus-phase">
            {phase}
          </p>
          <ConnectionStatusSteps steps={job.steps} />
          {mfa && <div className="basiq-ConnectionStatus-mfa">{mfa}</div>}
          {failure && (
            <div className="basiq-ConnectionStatus-failure" data-family={family}>
              <p className="basiq-ConnectionStatus-failureMessage">{advice!.message}</p>
              <p className="basiq-ConnectionStatus-failureAction">{advice!.action}</p>
              {renderFailureAction?.(failure, job)}
              {(failure.detail || failure.title) && (
                <p className="basiq-ConnectionStatus-failureDetail">
                  {cs.failureDetail} {failure.detail || failure.title}
                </p>
              )}
              <p className="basiq-ConnectionStatus-failureCode">
                {cs.failureCode} <code>{failure.code}</code>
              </p>
            </div>
          )}
          {stalled && <p className="basiq-ConnectionStatus-stalled">{said}</p>}
        </>
      ) : (
        <p className={error ? 'basiq-ConnectionStatus-error' : 'basiq-ConnectionStatus-loading'}>
          {said || cs.loading}
        </p>
      )}
      {(stalled || (!job && error && !gone)) && (
        <button
          type="button"
          className="basiq-ConnectionStatus-retry"
          onClick={() => {
            retried.current = true;
            void refetch();
          }}
        >
          {stalled ? cs.checkAgain : cs.retry}
        </button>
      )}
    </div>
  );
});
