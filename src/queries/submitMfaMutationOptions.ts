import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import type { BasiqClient } from '../client/createBasiqClient.js';
import { mayHaveArrived } from './mayHaveArrived.js';
import type { Job } from '../client/types.js';
import { singleFlight } from '../internal/singleFlight.js';
import { basiqKeys } from './basiqKeys.js';
import { markMfaAnswered } from './pollHistory.js';

interface SentAnswer {
  answers: string;
  /** The job as the cache held it when the answer was posted: the challenge it answered. */
  job: Job | undefined;
  result: { jobId: string };
}

// Per client and job: the answer on its way (a second submit joins it), and the last answer
// Basiq accepted, so the same answer to the same challenge is not posted again.
const sending = new WeakMap<
  BasiqClient,
  (jobId: string, send: () => Promise<SentAnswer>) => Promise<SentAnswer>
>();
const accepted = new WeakMap<BasiqClient, Map<string, SentAnswer>>();

async function submitOnce(
  client: BasiqClient,
  queryClient: QueryClient,
  jobId: string,
  answers: string[],
): Promise<{ jobId: string }> {
  const key = JSON.stringify(answers);
  const job = queryClient.getQueryData<Job>(basiqKeys.job(jobId));
  const last = accepted.get(client)?.get(jobId);
  // Until the job moves on (structural sharing keeps the same object while nothing changed),
  // the same answer was already given: a double click after the POST returned, a second form.
  if (last && job && last.job === job && last.answers === key) return last.result;
  let flight = sending.get(client);
  if (!flight) sending.set(client, (flight = singleFlight()));
  const sent = await flight(jobId, async () => ({
    answers: key,
    job,
    result: await client.submitMfa(jobId, answers),
  }));
  let forClient = accepted.get(client);
  if (!forClient) accepted.set(client, (forClient = new Map()));
  forClient.set(jobId, sent);
  return sent.result;
}

/**
 * The mutation answering a job's MFA challenge (one answer per prompt, in order): it posts the
 * answer once however often it is submitted (the same answer to the same challenge is never
 * posted twice; a different answer is), then refetches the job at once and polls it fast until
 * Basiq has checked the answer. After a failure that the answer may have survived (no reply,
 * 502, 504) it watches the job the same way. `useSubmitMfa` is this, as a hook.
 *
 * @param client - The client, e.g. from {@link useBasiqClient}.
 * @param queryClient - The QueryClient holding the job's query.
 * @param jobId - The job whose challenge to answer.
 *
 * @example
 * const submit = useMutation(submitMfaMutationOptions(client, queryClient, jobId));
 * submit.mutate(['123456']);
 */
export function submitMfaMutationOptions(
  client: BasiqClient,
  queryClient: QueryClient,
  jobId: string,
) {
  const watchJob = () => {
    markMfaAnswered(queryClient, jobId);
    return queryClient.invalidateQueries({ queryKey: basiqKeys.job(jobId), exact: true });
  };
  return mutationOptions<{ jobId: string }, Error, string[]>({
    mutationKey: basiqKeys.submitMfa(jobId),
    mutationFn: (answers) => submitOnce(client, queryClient, jobId, answers),
    onSuccess: watchJob,
    onError: (error) => {
      if (mayHaveArrived(error)) void watchJob();
    },
  });
}
