/** How GET requests are retried. */
export interface RetryOptions {
  /** Tries in all, the first included; `1` turns retries off. @default 3 */
  attempts?: number;
  /** Base of the exponential backoff. @default 500 */
  baseDelayMs?: number;
  /** Longest wait between tries; a longer `Retry-After` ends the retries instead. @default 10000 */
  maxDelayMs?: number;
}

export const RETRY_DEFAULTS: Required<RetryOptions> = {
  attempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
};

/** Statuses after which a GET may be tried again. */
export const RETRYABLE_STATUS = [408, 425, 429, 500, 502, 503, 504];

/** `Retry-After` (seconds or an HTTP date) in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const ms = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return ms >= 0 ? Math.round(ms) : ms < 0 ? 0 : undefined;
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^retry)). */
export const backoffDelay = (
  retry: number,
  { baseDelayMs, maxDelayMs }: Required<RetryOptions>,
  random = Math.random,
) => Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry));
