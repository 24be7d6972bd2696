'use client';
import { memo, useEffect, useId, useRef, type ReactNode } from 'react';
import type { Job, JobFailure, JobPhase, MfaChallenge } from '../client/types.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { useJob } from '../hooks/useJob.js';
import { formatLabel, type BasiqLabels } from '../labels/defaultLabels.js';
import {
  ConnectionStatusProgress,
  ConnectionStatusSteps,
  progressText,
  stepName,
} from './ConnectionStatusSteps.js';
import { failureFamily } from './failureAdvice.js';
import { LiveRegion } from './LiveRegion.js';
import { MfaForm } from './MfaForm.js';

/** What a host can hook into, shared by every job `ConnectionStatus` shows. */
export interface ConnectionStatusCallbacks {
  onSuccess?: (job: Job) => void;
  onFailure?: (job: Job) => void;
  onMfa?: (challenge: MfaChallenge) => void;
  renderMfa?: (challenge: MfaChallenge, jobId: string) => ReactNode;
  renderFailureAction?: (failure: JobFailure, job: Job) => ReactNode;
  maxPollMs?: number;
}

interface ConnectionStatusJobProps extends ConnectionStatusCallbacks {
  jobId: string;
  /** Set when several jobs are shown: this one's place among them (1-based). */
  n?: number;
  total?: number;
  /** The root's extra class, when this job is the whole component. */
  className?: string;
}

// The job's step that matters now: the running one, else the next to run, else the last.
function currentStep(job: Job) {
  return (
    job.steps.find((s) => s.status === 'in-progress') ??
    job.steps.find((s) => s.status === 'pending') ??
    job.steps.at(-1)
  );
}

const notFound = (error: Error | null) => {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 404 || status === 410;
};

// The job is still running but polling stopped at `maxPollMs`.
const timedOut = (error: Error | null) => error?.name === 'BasiqPollTimeoutError';

/** What the live region says about the job: it changes (and is announced) only when this does. */
function announcement(job: Job | undefined, error: Error | null, labels: BasiqLabels): string {
  const cs = labels.connectionStatus;
  if (!job) return error ? (notFound(error) ? cs.notFound : cs.loadError) : '';
  if (timedOut(error)) return cs.stalled;
  const phase = labels.phase[job.phase];
  if (job.phase === 'failed') {
    const family = failureFamily(job.failure?.code ?? '');
    return formatLabel(cs.announceFailure, { phase, message: cs.failure[family].message });
  }
  const step = currentStep(job);
  if (job.phase !== 'in-progress' || !step) return phase;
  return formatLabel(cs.announceStep, {
    step: stepName(step.title, labels),
    progress: progressText(job.steps, labels),
  });
}

// Calls onSuccess / onFailure / onMfa once each time the job enters that phase (per mounted
// component: StrictMode's second effect run and polls that change nothing call nothing).
function useTransitionCallbacks(job: Job | undefined, callbacks: ConnectionStatusCallbacks) {
  const latest = useRef(callbacks);
  useEffect(() => {
    latest.current = callbacks;
  });
  const seen = useRef<JobPhase | undefined>(undefined);
  useEffect(() => {
    if (!job || seen.current === job.phase) return;
    seen.current = job.phase;
    const { onSuccess, onFailure, onMfa } = latest.current;
    if (job.phase === 'success') onSuccess?.(job);
    else if (job.phase === 'failed') onFailure?.(job);
    else if (job.phase === 'mfa-required' && job.mfa) onMfa?.(job.mfa);
  }, [job]);
}

function FailurePanel({
  job,
  failure,
  renderAction,
}: {
  job: Job;
  failure: JobFailure;
  renderAction: ConnectionStatusCallbacks['renderFailureAction'];
}) {
  const cs = useBasiqLabels().connectionStatus;
  const family = failureFamily(failure.code);
  const detail = failure.detail || failure.title;
  return (
    <div className="basiq-ConnectionStatus-failure" data-family={family}>
      <p className="basiq-ConnectionStatus-failureMessage">{cs.failure[family].message}</p>
      <p className="basiq-ConnectionStatus-failureAction">{cs.failure[family].action}</p>
      {renderAction?.(failure, job)}
      {detail && (
        <p className="basiq-ConnectionStatus-failureDetail">
          {cs.failureDetail} {detail}
        </p>
      )}
      <p className="basiq-ConnectionStatus-failureCode">
        {cs.failureCode} <code>{failure.code}</code>
      </p>
    </div>
  );
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
  ...callbacks
}: ConnectionStatusJobProps) {
  const labels = useBasiqLabels();
  const cs = labels.connectionStatus;
  // Reads only data and error: polls that change nothing do not re-render this.
  const { job, error, refetch } = useJob(jobId, { maxPollMs });
  useTransitionCallbacks(job, callbacks);
  // After "Try again" or "Check again" loads the job, the button is gone: focus moves to the
  // job's status.
  const retried = useRef(false);
  const phaseRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!job || error || !retried.current) return;
    retried.current = false;
    phaseRef.current?.focus();
  }, [job, error]);

  const nameId = useId();
  const name = n !== undefined ? formatLabel(cs.connection, { n, total: total ?? n }) : undefined;
  const said = announcement(job, error, labels);
  const message =
    name && said ? formatLabel(cs.announceConnection, { connection: name, message: said }) : said;
  const stalled = !!job && timedOut(error);
  const state = stalled ? 'timed-out' : (job?.phase ?? (error ? 'error' : 'loading'));
  const retry = (
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
  );
  const root = name
    ? { role: 'group', 'aria-labelledby': nameId, className: 'basiq-ConnectionStatus-job' }
    : { className: className ? `basiq-ConnectionStatus ${className}` : 'basiq-ConnectionStatus' };

  let body: ReactNode;
  if (!job && error) {
    const gone = notFound(error);
    body = (
      <>
        <p className="basiq-ConnectionStatus-error">{gone ? cs.notFound : cs.loadError}</p>
        {!gone && retry}
      </>
    );
  } else if (!job) {
    body = <p className="basiq-ConnectionStatus-loading">{cs.loading}</p>;
  } else {
    body = (
      <>
        <p ref={phaseRef} tabIndex={-1} className="basiq-ConnectionStatus-phase">
          {labels.phase[job.phase]}
        </p>
        <ConnectionStatusProgress steps={job.steps} />
        <ConnectionStatusSteps steps={job.steps} />
        {/* The form stays mounted while the job runs, so it can show "checking" and a wrong
            answer after a submit; it renders nothing when there is nothing to ask. */}
        {callbacks.renderMfa
          ? job.phase === 'mfa-required' &&
            job.mfa && (
              <div className="basiq-ConnectionStatus-mfa">
                {callbacks.renderMfa(job.mfa, jobId)}
              </div>
            )
          : !job.isTerminal && (
              <div className="basiq-ConnectionStatus-mfa">
                <MfaForm jobId={jobId} />
              </div>
            )}
        {job.failure && (
          <FailurePanel
            job={job}
            failure={job.failure}
            renderAction={callbacks.renderFailureAction}
          />
        )}
        {stalled && (
          <>
            <p className="basiq-ConnectionStatus-stalled">{cs.stalled}</p>
            {retry}
          </>
        )}
      </>
    );
  }

  return (
    <div {...root} data-phase={state} aria-busy={state === 'loading' || undefined}>
      <LiveRegion message={message} />
      {name && (
        <p id={nameId} className="basiq-ConnectionStatus-jobName">
          {name}
        </p>
      )}
      {body}
    </div>
  );
});
