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

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Whether a GET that got `status` may be tried again. */
export const isRetryableStatus = (status: number) => RETRYABLE_STATUS.has(status);

/** `Retry-After` (seconds or an HTTP date) in milliseconds, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^retry)). */
export function backoffDelay(retry: number, options: Required<RetryOptions>, random = Math.random) {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
