import { FetchError } from 'ofetch';
import type { NetworkFailure } from '../client/errors.js';

/** Why no answer came: the caller aborted, a try timed out, or the connection failed. */
export function networkFailure(error: unknown, signal?: AbortSignal): NetworkFailure {
  if (signal?.aborted) return 'aborted';
  const cause = error instanceof FetchError ? error.cause : error;
  return (cause as Error | undefined)?.name === 'TimeoutError' ? 'timeout' : 'network';
}

/**
 * The `cause` an error of ours may keep: the original failure's name and message only. An
 * ofetch `FetchError` holds the request options (the `Authorization` header among them), so it
 * never leaves the kit, not even as a cause.
 */
export function safeCause(error: unknown): Error {
  // A FetchError's own message holds the request URL: keep only what it wraps.
  const original = error instanceof FetchError ? (error.cause ?? new Error('no response')) : error;
  const cause = new Error(
    original instanceof Error ? original.message : String(original ?? 'unknown'),
  );
  cause.name = original instanceof Error ? original.name : 'Error';
  return cause;
}
