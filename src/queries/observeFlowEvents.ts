import { isCancelledError, matchQuery, type QueryClient } from '@tanstack/react-query';
import type { BasiqFlowEventInit } from '../client/flowEvents.js';
import { isRecord } from '../internal/isRecord.js';
import type { AuthLink, Job } from '../client/types.js';
import { basiqKeys } from './basiqKeys.js';
import type { FlowEventTracker } from './createFlowEventTracker.js';
import { mayHaveArrived } from './mayHaveArrived.js';

const field = (error: unknown, name: string): unknown =>
  isRecord(error) ? error[name] : undefined;

const stringField = (error: unknown, name: string): string | null => {
  const value = field(error, name);
  return typeof value === 'string' ? value : null;
};

/**
 * The `request-failed` event of an error: its class name, status, and code (Basiq's error code,
 * else the `reason` of a network or token-guard error) and correlation id. Never the message,
 * which may quote what Basiq said about the user.
 */
function requestFailed(error: unknown): BasiqFlowEventInit {
  const status = field(error, 'status');
  return {
    type: 'request-failed',
    error: error instanceof Error ? error.name : 'Error',
    status: typeof status === 'number' ? status : null,
    code: stringField(error, 'code') ?? stringField(error, 'reason'),
    correlationId: stringField(error, 'correlationId'),
  };
}

/**
 * Feeds `tracker` from `queryClient`'s caches: every job query's new data (`basiqKeys.jobs()`),
 * the MFA answers (`basiqKeys.submitMfa`), the revokes and auth-link changes that succeeded,
 * and every Basiq query fetch or mutation that failed (after the client's own retries). One
 * cache update is one look, however many components watch the query. Returns the function
 * that stops listening; the tracker keeps what it saw.
 *
 * @param queryClient - The provider's QueryClient.
 * @param tracker - The provider's tracker (see {@link createFlowEventTracker}).
 */
export function observeFlowEvents(queryClient: QueryClient, tracker: FlowEventTracker): () => void {
  const stopQueries = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.query.queryKey[0] !== basiqKeys.all[0]) return;
    const { action, query } = event;
    if (action.type === 'error' && !isCancelledError(action.error)) {
      tracker.emit(requestFailed(action.error));
    } else if (action.type === 'success' && matchQuery({ queryKey: basiqKeys.jobs() }, query)) {
      const job = query.state.data as Job | undefined;
      if (job) tracker.sawJob(job);
    }
  });

  const stopMutations = queryClient.getMutationCache().subscribe((event) => {
    if (event.type !== 'updated') return;
    const { action, mutation } = event;
    const [scope, kind, id] = mutation.options.mutationKey ?? [];
    if (scope !== basiqKeys.all[0] || typeof id !== 'string') return;
    const by = mutation.mutationId;
    if (action.type === 'error') tracker.emit(requestFailed(action.error));
    if (kind === 'submitMfa') {
      if (action.type === 'pending') {
        // The answer is judged against the job as it was when sent.
        const job = queryClient.getQueryData<Job>(basiqKeys.job(id));
        if (job) tracker.sawJob(job);
        tracker.answerSent(id, by);
      } else if (action.type === 'success') {
        tracker.answerSettled(id, by, 'sent');
      } else if (action.type === 'error') {
        tracker.answerSettled(id, by, mayHaveArrived(action.error) ? 'maybe' : 'lost');
      }
      return;
    }
    if (action.type !== 'success') return;
    if (kind === 'revokeConsent') {
      const consentId = mutation.state.variables;
      tracker.emit({
        type: 'consent-revoked',
        userId: id,
        consentId: typeof consentId === 'string' ? consentId : '',
      });
    } else if (kind === 'createAuthLink') {
      const link = action.data as AuthLink | undefined;
      tracker.emit({ type: 'auth-link-created', userId: id, expiresAt: link?.expiresAt ?? null });
    } else if (kind === 'deleteAuthLink') {
      tracker.emit({ type: 'auth-link-deleted', userId: id });
    }
  });

  return () => {
    stopQueries();
    stopMutations();
  };
}
