// What the poller remembers per job query. Kept beside the query, not in React state, so
// every component watching a job shares one history and one request per tick.
import type { Query, QueryClient } from '@tanstack/react-query';
import type { Job } from '../client/types.js';
import { basiqKeys } from './basiqKeys.js';
import { isRetrieving, type PollHistory } from './nextPollDelay.js';

interface Tracker {
  /** The `maxPollMs` period: when polling of the running job began, and its last poll. */
  period?: [start: number, last: number];
  seenDataAt: number;
  seenErrorAt: number;
  slowPolls: number;
  unchangedSince?: number;
  data?: Job;
  failures: number;
  mfaAnsweredAt?: number;
}

const trackers = new WeakMap<object, Tracker>();

function trackerOf(query: object): Tracker {
  let tracker = trackers.get(query);
  if (!tracker) {
    tracker = { seenDataAt: 0, seenErrorAt: 0, slowPolls: 0, failures: 0 };
    trackers.set(query, tracker);
  }
  return tracker;
}

/**
 * The poll history of a job query, brought up to date with its latest result. Safe to call
 * any number of times per result (each observer of the query calls it).
 */
export function pollHistory(
  query: Query<Job, Error, Job, ReturnType<typeof basiqKeys.job>>,
): PollHistory {
  const tracker = trackerOf(query);
  const { data, dataUpdatedAt, error, errorUpdatedAt } = query.state;
  if (dataUpdatedAt > tracker.seenDataAt) {
    tracker.seenDataAt = dataUpdatedAt;
    tracker.slowPolls = data && isRetrieving(data) ? tracker.slowPolls + 1 : 0;
    // Structural sharing keeps the same object when a poll brings back identical data.
    if (data !== tracker.data) tracker.unchangedSince = dataUpdatedAt;
    tracker.data = data;
    const answered = tracker.mfaAnsweredAt;
    if (answered !== undefined && dataUpdatedAt > answered && data?.phase !== 'mfa-required') {
      delete tracker.mfaAnsweredAt;
    }
  }
  if (errorUpdatedAt > tracker.seenErrorAt) {
    tracker.seenErrorAt = errorUpdatedAt;
    tracker.failures += 1;
  }
  if (dataUpdatedAt >= errorUpdatedAt) tracker.failures = 0;
  return {
    now: Date.now(),
    slowPolls: tracker.slowPolls,
    unchangedSince: tracker.unchangedSince,
    failures: tracker.failures,
    ...(tracker.failures > 0 && { error }),
    ...(tracker.mfaAnsweredAt !== undefined && { mfaAnsweredAt: tracker.mfaAnsweredAt }),
  };
}

const jobQuery = (queryClient: QueryClient, jobId: string) =>
  queryClient.getQueryCache().find({ queryKey: basiqKeys.job(jobId), exact: true });

/** Notes that an MFA answer for `jobId` was just posted, so polling resumes fast. */
export function markMfaAnswered(queryClient: QueryClient, jobId: string): void {
  const query = jobQuery(queryClient, jobId);
  if (query) trackerOf(query).mfaAnsweredAt = Date.now();
}

/**
 * Counts a poll of a job towards its `maxPollMs` period and returns how long that period has
 * run, in ms. A gap between polls of `restartAfterMs` or more (a hidden tab, an MFA wait,
 * nothing watching) starts a new period. The period is kept with the job's query, so it goes
 * when the query does.
 */
export function countPoll(queryClient: QueryClient, jobId: string, restartAfterMs: number): number {
  const query = jobQuery(queryClient, jobId);
  if (!query) return 0;
  const tracker = trackerOf(query);
  const now = Date.now();
  const [start, last] = tracker.period ?? [now, now];
  const since = now - last < restartAfterMs ? start : now;
  tracker.period = [since, now];
  return now - since;
}

/** Ends a job's `maxPollMs` period (it finished, or polling stopped): the next poll starts anew. */
export function endPollPeriod(queryClient: QueryClient, jobId: string): void {
  const query = jobQuery(queryClient, jobId);
  if (query) delete trackerOf(query).period;
}
