'use client';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Job } from '../client/types.js';

const REFRESHED_BY_A_JOB = new Set(['jobs', 'consents']);

/**
 * When a job succeeds, refreshes what it changed (every user's job lists and consents), once
 * per job however many components watch it.
 */
export function useInvalidateOnJobSuccess(queryClient: QueryClient): void {
  useEffect(() => {
    const done = new Set<string>();
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      const [scope, kind, jobId] = event.query.queryKey as unknown[];
      const job = event.query.state.data as Job | undefined;
      if (scope !== 'basiq' || kind !== 'job' || job?.phase !== 'success') return;
      if (done.has(jobId as string)) return;
      done.add(jobId as string);
      void queryClient.invalidateQueries({
        predicate: ({ queryKey: [s, k, , what] }) =>
          s === 'basiq' && k === 'user' && REFRESHED_BY_A_JOB.has(what as string),
      });
    });
  }, [queryClient]);
}
