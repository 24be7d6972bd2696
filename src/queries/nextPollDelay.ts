import {
  BasiqApiError,
  BasiqPollTimeoutError,
  BasiqTokenError,
  BasiqTokenScopeError,
} from '../client/errors.js';
import type { Job } from '../client/types.js';

/** What the poller remembers about a job between polls. */
export interface PollHistory {
  /** The clock, epoch ms. */
  now: number;
  /** Polls in a row that found the job in a long step (retrieving data). */
  slowPolls: number;
  /** When an MFA answer was posted, until a poll shows the job has moved on from it. */
  mfaAnsweredAt?: number;
  /** Failed polls in a row. */
  failures: number;
  /** Since when polls have found the job exactly as it is now, epoch ms. */
  unchangedSince?: number;
  /** The last poll's error, when it failed. */
  error?: unknown;
}

/** The polling policy's timings, in ms. */
export const POLL_TIMING = {
  /** While the user waits on the bank: verifying credentials, checking an MFA answer. */
  fast: 1000,
  /** The first poll after the job starts retrieving data. */
  slowFirst: 2500,
  /** Later polls while data is retrieved. */
  slow: 5000,
  /** How long after an answer a still-shown challenge may be the answered one. */
  mfaSettle: 15_000,
  /** First wait after a failed poll; doubles per failure. */
  errorBase: 2000,
  errorMax: 30_000,
  /** How long a job may look the same before the waits grow (to a tenth of that time). */
  patience: 60_000,
  /** The longest wait between polls of a running job. */
  slowMax: 30_000,
  /** How long `useJob` polls a job that does not finish (`maxPollMs`): 15 minutes. */
  maxPoll: 900_000,
} as const;

// Steps during which the user is waiting on the bank and may be asked for MFA any moment.
const FAST_STEPS = new Set(['verify-credentials', 'mfa-challenge']);

/** Errors that polling cannot fix: refused token, forbidden, unknown or gone job. */
function isPermanent(error: unknown): boolean {
  if (error instanceof BasiqTokenScopeError || error instanceof BasiqPollTimeoutError) return true;
  // A token endpoint answering 401/403 means the user is signed out: polling cannot fix that.
  if (error instanceof BasiqTokenError) return error.status === 401 || error.status === 403;
  return error instanceof BasiqApiError && [400, 401, 403, 404, 410].includes(error.status);
}

/**
 * How long to wait before polling `job` again, or `false` to stop. The policy:
 * fast (1 s) while the user waits on the bank (verifying credentials, right after an MFA
 * answer); no polling while an MFA challenge waits for the user; 2.5 s then 5 s while data is
 * retrieved; never again once the job succeeded or failed; failures back off (2 s doubling to
 * 30 s, or the `Retry-After` of Basiq or of your token endpoint) and stop on errors polling
 * cannot fix. Once a job has
 * looked the same for a minute, polls wait a tenth of that time (6 s after a minute, 30 s
 * after five).
 */
export function nextPollDelay(job: Job | undefined, history: PollHistory): number | false {
  // A finished job never changes, even when a refetch of it failed.
  if (job?.isTerminal) return false;
  if (history.failures > 0) {
    if (isPermanent(history.error)) return false;
    const backoff = Math.min(
      POLL_TIMING.errorMax,
      POLL_TIMING.errorBase * 2 ** (history.failures - 1),
    );
    const { error } = history;
    const retryAfter =
      error instanceof BasiqApiError || error instanceof BasiqTokenError
        ? (error.retryAfterMs ?? 0)
        : 0;
    return Math.max(backoff, retryAfter);
  }
  if (!job) return POLL_TIMING.fast;
  if (job.phase === 'mfa-required') {
    // Right after an answer Basiq may still show the answered challenge for a moment.
    const answered = history.mfaAnsweredAt;
    return answered !== undefined && history.now - answered < POLL_TIMING.mfaSettle
      ? POLL_TIMING.fast
      : false;
  }
  const delay = !isRetrieving(job)
    ? POLL_TIMING.fast
    : history.slowPolls <= 1
      ? POLL_TIMING.slowFirst
      : POLL_TIMING.slow;
  // A job that stays the same poll after poll may never finish: wait longer and longer.
  const unchangedFor = history.now - (history.unchangedSince ?? history.now);
  return unchangedFor < POLL_TIMING.patience
    ? delay
    : Math.min(POLL_TIMING.slowMax, Math.max(delay, Math.round(unchangedFor / 10)));
}

/** Whether a running job is in a long step (retrieving data), where polls slow down. */
export function isRetrieving(job: Job): boolean {
  const current =
    job.steps.find((step) => step.status === 'in-progress') ??
    job.steps.find((step) => step.status === 'pending');
  return (
    !job.isTerminal &&
    job.phase === 'in-progress' &&
    current !== undefined &&
    !FAST_STEPS.has(current.title)
  );
}
