'use client';
import { matchQuery, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Job } from '../client/types.js';
import { basiqKeys, userQueryKind } from '../queries/basiqKeys.js';

// What a finished connection changes: the user's job lists and consents.
const REFRESHED_BY_A_JOB = new Set(['jobs', 'consents']);

/**
 * When a job succeeds, refreshes what it changed (every user's job lists and consents), once
 * per job however many components watch it.
 */
export function useInvalidateOnJobSuccess(queryClient: QueryClient): void {
  useEffect(() => {
    const refreshedFor = new Set<string>();
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      if (!matchQuery({ queryKey: basiqKeys.jobs() }, event.query)) return;
      const job = event.query.state.data as Job | undefined;
      if (job?.phase !== 'success' || refreshedFor.has(job.id)) return;
      refreshedFor.add(job.id);
      void queryClient.invalidateQueries({
        predicate: ({ queryKey }) => REFRESHED_BY_A_JOB.has(userQueryKind(queryKey) ?? ''),
      });
    });
  }, [queryClient]);
}
