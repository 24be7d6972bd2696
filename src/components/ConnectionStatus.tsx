'use client';
import type { ReactNode } from 'react';
import type { Job, JobFailure, MfaChallenge } from '../client/types.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { useJobs } from '../hooks/useJobs.js';
import { formatLabel } from '../labels/defaultLabels.js';
import { ConnectionStatusJob, type ConnectionStatusCallbacks } from './ConnectionStatusJob.js';

/** Props of {@link ConnectionStatus}. */
export interface ConnectionStatusProps {
  /** The job to follow, e.g. the `jobId` the consent UI redirected back with. */
  jobId?: string;
  /**
   * Several jobs (the consent UI returns one per bank connected): one section per job under a
   * summary. With `jobId` too, `jobId` comes first; duplicates and empty ids are dropped.
   */
  jobIds?: readonly string[];
  /**
   * Called once when a job succeeds (per job, per mounted component; a component mounted on a
   * job that already succeeded calls it once at mount).
   */
  onSuccess?: (job: Job) => void;
  /** Called once when a job fails (same rule as `onSuccess`). */
  onFailure?: (job: Job) => void;
  /**
   * Called once each time a job starts waiting for an MFA answer (again after a wrong answer
   * once Basiq asks anew).
   */
  onMfa?: (challenge: MfaChallenge) => void;
  /**
   * Renders the MFA step yourself instead of the built-in `<MfaForm jobId={jobId} />`.
   * @default the built-in MfaForm
   */
  renderMfa?: (challenge: MfaChallenge, jobId: string) => ReactNode;
  /**
   * Extra content in a failed job's panel, below the advice: e.g. a
   * `<ConnectButton action="reauthorise" />` when `failure.code` is `invalid-credentials`.
   */
  renderFailureAction?: (failure: JobFailure, job: Job) => ReactNode;
  /**
   * Stop checking a job still running after this long, and offer "Check again"
   * (`data-phase="timed-out"`).
   * @default the provider's `maxPollMs`, else 900000 (15 minutes)
   */
  maxPollMs?: number;
  /** Extra class on the root element. */
  className?: string;
}

/** Several jobs under a summary, or none. */
function ConnectionStatusMany({
  ids,
  className,
  ...callbacks
}: ConnectionStatusCallbacks & { ids: string[]; className?: string }) {
  const cs = useBasiqLabels().connectionStatus;
  const { jobs, phase, error } = useJobs(ids, { maxPollMs: callbacks.maxPollMs });
  const total = ids.length;
  return (
    <div
      className={className ? `basiq-ConnectionStatus ${className}` : 'basiq-ConnectionStatus'}
      data-phase={total ? (phase ?? (error ? 'error' : 'loading')) : 'empty'}
    >
      <p className={total ? 'basiq-ConnectionStatus-summary' : 'basiq-ConnectionStatus-empty'}>
        {total
          ? formatLabel(cs.summary, { done: jobs.filter((job) => job.isTerminal).length, total })
          : cs.empty}
      </p>
      {ids.map((id, index) => (
        <ConnectionStatusJob key={id} jobId={id} n={index + 1} total={total} {...callbacks} />
      ))}
    </div>
  );
}

/**
 * Follows a Basiq connection job (or several) to its end: the steps with their status, a
 * progress bar, the MFA form when the bank asks for one, and, if the job fails, what went
 * wrong and what to do next for that failure code (re-enter credentials, clear a prompt in
 * internet banking, wait for a bank having trouble, …). Every change is announced once
 * through a polite live region. The root's `data-phase` is the job's phase (`pending`,
 * `in-progress`, `mfa-required`, `success`, `failed`), or `loading`, `error` (the job could
 * not be loaded), `timed-out` (still running after `maxPollMs`: checking stopped, with a
 * "Check again" button) or `empty` (no id). With several jobs it is their combined phase, and each
 * job gets its own section (`basiq-ConnectionStatus-job`, with its own `data-phase`).
 *
 * @param props - The job to follow (`jobId`) or jobs (`jobIds`), and the callbacks.
 *
 * @example
 * const { jobIds } = useConsentRedirect({ clean: true });
 * <ConnectionStatus
 *   jobIds={jobIds}
 *   onSuccess={(job) => router.push('/accounts')}
 *   onFailure={(job) => track('connect-failed', job.failure?.code)}
 * />
 */
export function ConnectionStatus({
  jobId,
  jobIds,
  className,
  ...callbacks
}: ConnectionStatusProps) {
  const ids = [...new Set([jobId, ...(jobIds ?? [])])].filter((id): id is string => !!id);
  return ids.length === 1 ? (
    <ConnectionStatusJob key={ids[0]} jobId={ids[0]!} className={className} {...callbacks} />
  ) : (
    <ConnectionStatusMany ids={ids} className={className} {...callbacks} />
  );
}
