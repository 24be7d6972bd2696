'use client';
import { useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { submitMfaMutationOptions } from '../queries/submitMfaMutationOptions.js';
import { useBasiqContext } from './basiqContext.js';
import { useBasiqMutation, type BasiqMutationOptions } from './useBasiqMutation.js';

/**
 * Posts the answers to a job's MFA challenge (one per prompt, in order), then refetches the
 * job at once and polls it fast until Basiq has checked the answer. A wrong answer shows up
 * as a new challenge (`phase` back to `mfa-required`). The answer is never posted twice: a
 * second call while one is on its way waits for the first, and the same answer sent again
 * before the job has moved on gets the first one's result; a different answer is sent.
 *
 * @param jobId - The job whose challenge to answer.
 * @param options - react-query's mutation options (`onSuccess`, `onError`, …).
 *
 * @example
 * const submit = useSubmitMfa(jobId);
 * submit.mutate(['123456']);
 */
export function useSubmitMfa(
  jobId: string,
  options: BasiqMutationOptions<{ jobId: string }, string[]> = {},
): UseMutationResult<{ jobId: string }, Error, string[]> {
  const { client } = useBasiqContext('useSubmitMfa');
  const queryClient = useQueryClient();
  return useBasiqMutation(submitMfaMutationOptions(client, queryClient, jobId), options);
}
