import type { $Fetch } from 'ofetch';
import {
  BasiqApiError,
  BasiqNetworkError,
  BasiqResponseError,
  type BasiqErrorDetail,
  type NetworkFailure,
} from './errors.js';
import {
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  sleep,
  type RetryOptions,
} from './retryPolicy.js';
import type { TokenSource } from './tokenSource.js';
import { withTimeout } from './withTimeout.js';

export interface RequestInit {
  query?: Record<string, string | undefined>;
  body?: Record<string, unknown>;
  signal?: AbortSignal;
}

/** A 2xx answer: its status and parsed JSON body (undefined when empty). */
export interface Reply {
  status: number;
  body: unknown;
}

/** Sends one authenticated Basiq request. */
export type Requester = (
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  init?: RequestInit,
) => Promise<Reply>;

interface RequesterOptions {
  $fetch: $Fetch;
  tokens: TokenSource;
  retry: Required<RetryOptions>;
  timeoutMs: number;
}

const hasName = (error: unknown, name: string): boolean => {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { name?: unknown }).name === name) return true;
  }
  return false;
};

function parseEnvelope(text: string | undefined): {
  errors: BasiqErrorDetail[];
  correlationId?: string;
} {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    return { errors: [] };
  }
  if (!body || typeof body !== 'object') return { errors: [] };
  const { data, correlationId } = body as { data?: unknown; correlationId?: unknown };
  const errors = (Array.isArray(data) ? data : [])
    .filter((entry): entry is Record<string, unknown> => !!entry && typeof entry === 'object')
    .map((entry) => {
      const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
      const source =
        entry.source && typeof entry.source === 'object'
          ? (entry.source as BasiqErrorDetail['source'])
          : undefined;
      // The spec types the 503 `code` as an object and says `details` where Basiq sends `detail`.
      return {
        code: str(entry.code) ?? 'unknown',
        title: str(entry.title),
        detail: str(entry.detail) ?? str(entry.details),
        source,
      };
    });
  return { errors, correlationId: typeof correlationId === 'string' ? correlationId : undefined };
}

// Basiq answers an expired token with 403 "Token has expired", not 401.
const isExpiredToken = (status: number, errors: BasiqErrorDetail[]) =>
  status === 401 ||
  (status === 403 &&
    errors.some((e) => /expired/i.test(`${e.code} ${e.title ?? ''} ${e.detail ?? ''}`)));

/** Builds the one function every endpoint goes through. */
export function createRequester({ $fetch, tokens, retry, timeoutMs }: RequesterOptions): Requester {
  return async function request(method, path, init = {}) {
    const { signal } = init;
    const networkError = (reason: NetworkFailure, cause?: unknown) =>
      new BasiqNetworkError({ reason, method, path, cause });
    const wait = async (ms: number) => {
      try {
        await sleep(ms, signal);
      } catch (reason) {
        throw networkError('aborted', reason);
      }
    };
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw networkError('aborted', signal.reason);
      const { token } = await tokens.get();
      const canRetry = method === 'GET' && attempt < retry.attempts;
      let response;
      try {
        response = await withTimeout(timeoutMs, signal, (timeoutSignal) =>
          $fetch.raw<string, 'text'>(path, {
            method,
            query: init.query,
            body: init.body,
            signal: timeoutSignal,
            headers: { authorization: `Bearer ${token}` },
            responseType: 'text',
            retry: false,
            ignoreResponseError: true,
          }),
        );
      } catch (error) {
        // ofetch's FetchError holds the request options (and so the Authorization
        // header): keep only what it wraps.
        const cause = (error as { cause?: unknown }).cause ?? error;
        const reason: NetworkFailure = signal?.aborted
          ? 'aborted'
          : hasName(error, 'TimeoutError')
            ? 'timeout'
            : 'network';
        if (reason !== 'aborted' && canRetry) {
          await wait(backoffDelay(attempt - 1, retry));
          continue;
        }
        throw networkError(reason, cause);
      }

      const text = response._data;
      const { status } = response;
      if (response.ok) {
        if (!text || !text.trim()) return { status, body: undefined };
        try {
          return { status, body: JSON.parse(text) as unknown };
        } catch {
          throw new BasiqResponseError({
            status,
            method,
            path,
            problem: 'a body that is not JSON',
          });
        }
      }

      const { errors, correlationId } = parseEnvelope(text);
      if (!refreshed && isExpiredToken(status, errors)) {
        refreshed = true;
        tokens.invalidate(token);
        attempt--;
        continue;
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      if (canRetry && isRetryableStatus(status) && (retryAfterMs ?? 0) <= retry.maxDelayMs) {
        await wait(retryAfterMs ?? backoffDelay(attempt - 1, retry));
        continue;
      }
      throw new BasiqApiError({
        status,
        method,
        path,
        errors,
        correlationId,
        retryAfterMs,
        statusText: response.statusText,
      });
    }
  };
}
