'use client';
import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { BasiqClient } from '../client/createBasiqClient.js';
import { BasiqApiError, BasiqNetworkError } from '../client/errors.js';
import { basiqKeys } from '../queries/basiqKeys.js';
import { singleFlight } from '../internal/singleFlight.js';
import { markMfaAnswered } from '../queries/pollHistory.js';
import { useBasiqClient } from './useBasiqClient.js';

// Answers on their way, per client and job: a second submit (a double click, two forms)
// joins the first instead of posting the answer twice.
const sending = new WeakMap<
  BasiqClient,
  ReturnType<typeof singleFlight<string, { jobId: string }>>
>();

function submitOnce(client: BasiqClient, jobId: string, answers: string[]) {
  let forClient = sending.get(client);
  if (!forClient) sending.set(client, (forClient = singleFlight()));
  return forClient(jobId, () => client.submitMfa(jobId, answers));
}

/**
 * Posts the answers to a job's MFA challenge (one per prompt, in order), then refetches the
 * job at once and polls it fast until Basiq has checked the answer. A wrong answer shows up
 * as a new challenge (`phase` back to `mfa-required`). The answer is never posted twice: a
 * second call while one is on its way waits for the first.
 *
 * @example
 * const submit = useSubmitMfa(jobId);
 * submit.mutate(['123456']);
 */
export function useSubmitMfa(
  jobId: string,
  options: Omit<UseMutationOptions<{ jobId: string }, Error, string[]>, 'mutationFn'> = {},
) {
  const client = useBasiqClient();
  const queryClient = useQueryClient();
  const settle = () => {
    markMfaAnswered(queryClient, jobId);
    return queryClient.invalidateQueries({ queryKey: basiqKeys.job(jobId), exact: true });
  };
  return useMutation({
    mutationKey: ['basiq', 'submitMfa', jobId],
    ...options,
    mutationFn: (answers: string[]) => submitOnce(client, jobId, answers),
    onSuccess: async (...args) => {
      await Promise.all([settle(), options.onSuccess?.(...args)]);
    },
    onError: async (...args) => {
      // No answer (timeout, reset) or a gateway's 502/504: the answer may still have reached
      // Basiq, so watch the job as after an answer; it moves on if it did.
      const [error] = args;
      if (
        (error instanceof BasiqNetworkError && error.reason !== 'aborted') ||
        (error instanceof BasiqApiError && (error.status === 502 || error.status === 504))
      ) {
        void settle();
      }
      await options.onError?.(...args);
    },
  });
}
