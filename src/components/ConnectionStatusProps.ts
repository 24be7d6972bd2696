// The props of ConnectionStatus, apart from its components: ConnectionStatus.tsx renders
// ConnectionStatusJob, and both read these types, so neither imports the other's types.
import type { ReactNode } from 'react';
import type { Job, JobFailure, MfaChallenge } from '../client/types.js';

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

/** What a host can hook into, shared by every job `ConnectionStatus` shows. */
export type ConnectionStatusCallbacks = Pick<
  ConnectionStatusProps,
  'onSuccess' | 'onFailure' | 'onMfa' | 'renderMfa' | 'renderFailureAction' | 'maxPollMs'
>;
