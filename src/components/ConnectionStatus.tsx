'use client';
import { useComponentLabels } from '../hooks/useComponentLabels.js';
import { useStylesCheck } from '../hooks/useStylesCheck.js';
import { useJobs } from '../hooks/useJobs.js';
import { formatLabel } from '../labels/defaultLabels.js';
import { Announcer } from './Announcer.js';
import { ConnectionStatusJob } from './ConnectionStatusJob.js';
import type { ConnectionStatusCallbacks, ConnectionStatusProps } from './ConnectionStatusProps.js';
import { combinedPhase, connectionStatusSections, jobIdsToShow } from './connectionStatusModel.js';

export type { ConnectionStatusProps } from './ConnectionStatusProps.js';

/** Several jobs under a summary, or none. */
function ConnectionStatusMany({
  ids,
  className,
  ...callbacks
}: ConnectionStatusCallbacks & { ids: string[]; className?: string }) {
  const texts = useComponentLabels('ConnectionStatus', connectionStatusSections).connectionStatus;
  const { jobs, phase, error } = useJobs(ids, { maxPollMs: callbacks.maxPollMs });
  const total = ids.length;
  return (
    <div
      className={className ? `basiq-ConnectionStatus ${className}` : 'basiq-ConnectionStatus'}
      data-phase={combinedPhase(total, phase, error)}
    >
      {/* One announcer for all the jobs: their messages are read one after the other. */}
      <Announcer>
        <p className={total ? 'basiq-ConnectionStatus-summary' : 'basiq-ConnectionStatus-empty'}>
          {total
            ? formatLabel(texts.summary, {
                done: jobs.filter((job) => job.isTerminal).length,
                total,
              })
            : texts.empty}
        </p>
        {ids.map((id, index) => (
          <ConnectionStatusJob
            key={id}
            jobId={id}
            position={index + 1}
            total={total}
            {...callbacks}
          />
        ))}
      </Announcer>
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
  // eslint-disable-next-line react-hooks/rules-of-hooks -- the condition is fixed per build
  if (process.env.NODE_ENV !== 'production') useStylesCheck();
  const ids = jobIdsToShow(jobId, jobIds);
  const [only] = ids;
  return ids.length === 1 && only ? (
    <ConnectionStatusJob key={only} jobId={only} className={className} {...callbacks} />
  ) : (
    <ConnectionStatusMany ids={ids} className={className} {...callbacks} />
  );
}
