'use client';
import { memo, useEffect, useRef, type ReactNode } from 'react';
import type { Job, JobFailure } from '../client/types.js';
import { useComponentLabels } from '../hooks/useComponentLabels.js';
import { useJob } from '../hooks/useJob.js';
import { formatLabel } from '../labels/defaultLabels.js';
import {
  announcement,
  callFor,
  connectionStatusReducer,
  connectionStatusSections,
  connectionStatusView,
  dataPhase,
  INITIAL_CONNECTION_STATUS,
  movesFocus,
  RETRY_LABEL,
} from './connectionStatusModel.js';
import type { ConnectionStatusCallbacks } from './ConnectionStatusProps.js';
import { ConnectionStatusSteps } from './ConnectionStatusSteps.js';
import { failureFamily } from '../client/failureFamily.js';
import { Announce, Announcer } from './Announcer.js';
import { useFocusRescue } from './useFocusRescue.js';
import { MfaForm } from './MfaForm.js';

interface ConnectionStatusJobProps extends ConnectionStatusCallbacks {
  jobId: string;
  /** Set when several jobs are shown: this one's place among them (1-based), and how many. */
  position?: number;
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
  position,
  total,
  className,
  maxPollMs,
  onSuccess,
  onFailure,
  onMfa,
  renderMfa,
  renderFailureAction,
}: ConnectionStatusJobProps) {
  const labels = useComponentLabels('ConnectionStatus', connectionStatusSections);
  const texts = labels.connectionStatus;
  // Reads only data and error: polls that change nothing do not re-render this.
  const { job, error, refetch } = useJob(jobId, { maxPollMs });
  const phaseRef = useRef<HTMLParagraphElement>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);
  // The MFA form, the retry button: what replaces them is the failure, else the status.
  const rescue = useFocusRescue(() => failureRef.current ?? phaseRef.current);

  // The model decides which callback a new answer calls and when focus moves.
  const memory = useRef(INITIAL_CONNECTION_STATUS);
  useEffect(() => {
    const previous = memory.current;
    const next = connectionStatusReducer(previous, { type: 'answer', job, error });
    memory.current = next;
    if (!job) return;
    const call = callFor(previous, next);
    if (call === 'onSuccess') onSuccess?.(job);
    else if (call === 'onFailure') onFailure?.(job);
    else if (call === 'onMfa' && job.mfa) onMfa?.(job.mfa);
    if (movesFocus(previous, next)) phaseRef.current?.focus();
  }, [job, error, onSuccess, onFailure, onMfa]);

  const view = connectionStatusView(job, error);
  const message = announcement(view, job, labels);
  const name = position && formatLabel(texts.connection, { n: position, total: total! });
  const retry = RETRY_LABEL[view];

  function failurePanel(failure: JobFailure, failedJob: Job) {
    const family = failureFamily(failure.code);
    return (
      <div className="basiq-ConnectionStatus-failure" data-family={family}>
        <p ref={failureRef} tabIndex={-1} className="basiq-ConnectionStatus-failureMessage">
          {texts.failure[family].message}
        </p>
        <p className="basiq-ConnectionStatus-failureAction">{texts.failure[family].action}</p>
        {renderFailureAction?.(failure, failedJob)}
        {(failure.detail || failure.title) && (
          <p className="basiq-ConnectionStatus-failureDetail">
            {texts.failureDetail} {failure.detail || failure.title}
          </p>
        )}
        <p className="basiq-ConnectionStatus-failureCode">
          {texts.failureCode} <code>{failure.code}</code>
        </p>
      </div>
    );
  }

  // What shows under the name, by view.
  function content(): ReactNode {
    switch (view) {
      case 'loading':
        return <p className="basiq-ConnectionStatus-loading">{texts.loading}</p>;
      case 'error':
      case 'not-found':
        return <p className="basiq-ConnectionStatus-error">{message}</p>;
    }
    if (!job) return null;
    // The form stays mounted while the job runs, so it can show "checking" and a wrong answer
    // after a submit; it renders nothing when there is nothing to ask.
    const mfa = renderMfa
      ? job.mfa && renderMfa(job.mfa, jobId)
      : !job.isTerminal && <MfaForm jobId={jobId} />;
    return (
      <>
        <p ref={phaseRef} tabIndex={-1} className="basiq-ConnectionStatus-phase">
          {labels.phase[job.phase]}
        </p>
        <ConnectionStatusSteps steps={job.steps} />
        {mfa && <div className="basiq-ConnectionStatus-mfa">{mfa}</div>}
        {job.failure && failurePanel(job.failure, job)}
        {view === 'timed-out' && <p className="basiq-ConnectionStatus-stalled">{message}</p>}
      </>
    );
  }

  return (
    <div
      {...(name
        ? { role: 'group', 'aria-label': name, className: 'basiq-ConnectionStatus-job' }
        : {
            className: className ? `basiq-ConnectionStatus ${className}` : 'basiq-ConnectionStatus',
          })}
      data-phase={dataPhase(view)}
      aria-busy={view === 'loading' || undefined}
      {...rescue}
    >
      <Announcer>
        <Announce
          message={name && message ? `${name}: ${message}` : message}
          urgent={view === 'failed'}
        />
        {name && <p className="basiq-ConnectionStatus-jobName">{name}</p>}
        {content()}
        {retry && (
          <button
            type="button"
            className="basiq-ConnectionStatus-retry"
            onClick={() => {
              memory.current = connectionStatusReducer(memory.current, { type: 'retry' });
              void refetch();
            }}
          >
            {texts[retry]}
          </button>
        )}
      </Announcer>
    </div>
  );
});
