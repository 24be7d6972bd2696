'use client';
import { matchQuery, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  forgetConnectionInProgress,
  readConnectionsInProgress,
} from '../client/connectionsInProgress.js';
import type { EventHub } from '../client/createEventHub.js';
import type { Job } from '../client/types.js';
import { basiqKeys } from '../queries/basiqKeys.js';

const isEnded = (data: unknown) => !!(data as Job | undefined)?.isTerminal;

/**
 * While mounted, drops each kept connection in progress (`useConsentRedirect`) once its job
 * succeeds or fails: told by the provider's `job-succeeded` / `job-failed` events, and by a
 * finished job in the query cache. The cache covers a job that ended while nothing here
 * listened: a finished job is never fetched again, so no event would come for it.
 */
export function useForgetEndedConnections(
  events: EventHub | undefined,
  queryClient: QueryClient | undefined,
): void {
  useEffect(() => {
    if (!events) return;
    const stopEvents = events.subscribe((event) => {
      if (event.type === 'job-succeeded' || event.type === 'job-failed') {
        forgetConnectionInProgress(event.jobId);
      }
    });
    if (!queryClient) return stopEvents;
    for (const jobId of readConnectionsInProgress()) {
      if (isEnded(queryClient.getQueryData(basiqKeys.job(jobId)))) {
        forgetConnectionInProgress(jobId);
      }
    }
    const stopCache = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      if (!matchQuery({ queryKey: basiqKeys.jobs() }, event.query)) return;
      const jobId = event.query.queryKey[2];
      if (typeof jobId === 'string' && isEnded(event.query.state.data)) {
        forgetConnectionInProgress(jobId);
      }
    });
    return () => {
      stopEvents();
      stopCache();
    };
  }, [events, queryClient]);
}
