import {
  BasiqApiError,
  BasiqNetworkError,
  BasiqResponseError,
  type BasiqErrorDetail,
  type NetworkFailure,
} from './errors.js';
import {
  RETRYABLE_STATUS,
  backoffDelay,
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
  /** The body must be a JSON object (`'object'`) or a Basiq list, whose `data` is returned (`'list'`). */
  expect?: 'object' | 'list';
}

/** Sends one authenticated Basiq request and resolves to its JSON body (undefined when empty). */
export type Requester = <T = unknown>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  init?: RequestInit,
) => Promise<T>;

interface RequesterOptions {
  /** Basiq's origin (or the app's proxy path), without trailing slash. */
  baseUrl: string;
  fetch?: typeof fetch;
  tokens: TokenSource;
  retry: Required<RetryOptions>;
  timeoutMs: number;
  /** Appended to the message of a 403. */
  forbiddenHint?: string;
}

const NETWORK_MESSAGES: Record<NetworkFailure, string> = {
  network: 'no response; check the connection and try again',
  timeout: 'timed out; check the connection and try again',
  aborted: 'aborted',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

const NOT_JSON = Symbol('not JSON');

function parse(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : undefined;
  } catch {
    return NOT_JSON;
  }
}

/** The errors and correlation id of Basiq's error envelope (empty when the body is not one). */
export function readEnvelope(data: unknown) {
  const envelope = isObject(data) ? data : {};
  // The spec types the 503 `code` as an object and says `details` where Basiq sends `detail`.
  const errors: BasiqErrorDetail[] = (Array.isArray(envelope.data) ? envelope.data : [])
    .filter(isObject)
    .map((e) => ({
      code: str(e.code) ?? 'unknown',
      title: str(e.title),
      detail: str(e.detail) ?? str(e.details),
      source: isObject(e.source) ? e.source : undefined,
    }));
  return { errors, correlationId: str(envelope.correlationId) };
}

/** What is wrong with a 2xx body, or '' when it is what the endpoint expects. */
function bodyProblem(data: unknown, expect: RequestInit['expect']): string {
  // A write Basiq answered 2xx is done, whatever its body: reporting it failed would lie.
  if (!expect) return '';
  if (data === NOT_JSON) return 'a body that is not JSON';
  if (data === undefined) return 'an empty body';
  if (!isObject(data)) return 'a body that is not a JSON object';
  return expect === 'list' && !Array.isArray(data.data) ? 'a list without a data array' : '';
}

/** Builds the one function every endpoint goes through. */
export function createRequester({
  baseUrl,
  fetch: fetchImpl,
  tokens,
  retry,
  timeoutMs,
  forbiddenHint = ': a CLIENT_ACCESS token may not make this call; make it from your server (or point baseUrl at your proxy)',
}: RequesterOptions): Requester {
  return async function request(method, path, { query, body, signal, expect } = {}) {
    const where = { method, path };
    const networkError = (reason: NetworkFailure, cause?: unknown) =>
      new BasiqNetworkError(
        `${method} ${path}: ${NETWORK_MESSAGES[reason]}`,
        { reason, ...where },
        { cause },
      );
    const wait = (ms: number) =>
      sleep(ms, signal).catch((reason) => {
        throw networkError('aborted', reason);
      });
    const search = new URLSearchParams(
      Object.entries(query ?? {}).filter((entry): entry is [string, string] => !!entry[1]),
    ).toString();
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw networkError('aborted', signal.reason);
      const { token } = await tokens.get();
      const canRetry = method === 'GET' && attempt < retry.attempts;
      let response: Response;
      let text: string;
      try {
        [response, text] = await withTimeout(timeoutMs, signal, async (timeoutSignal) => {
          const res = await (fetchImpl ?? fetch)(`${baseUrl}${path}${search && '?'}${search}`, {
            method,
            signal: timeoutSignal,
            headers: {
              accept: 'application/json',
              'basiq-version': '3.0',
              authorization: `Bearer ${token}`,
              ...(body && { 'content-type': 'application/json' }),
            },
            body: body && JSON.stringify(body),
          });
          return [res, await res.text()] as const;
        });
      } catch (cause) {
        if (signal?.aborted) throw networkError('aborted', cause);
        if (canRetry) {
          await wait(backoffDelay(attempt - 1, retry));
          continue;
        }
        throw networkError(
          (cause as Error)?.name === 'TimeoutError' ? 'timeout' : 'network',
          cause,
        );
      }

      const { status, statusText, headers } = response;
      const data = parse(text);
      if (response.ok) {
        const problem = bodyProblem(data, expect);
        if (problem) {
          throw new BasiqResponseError(
            `${method} ${path}: ${status} with ${problem}; a proxy may be in the way`,
            {
              status,
              ...where,
            },
          );
        }
        return (
          expect === 'list' ? (data as { data: unknown[] }).data.filter(isObject) : data
        ) as never;
      }

      const { errors, correlationId } = readEnvelope(data);
      // Basiq answers an expired token with 403 "Token has expired", not 401.
      const expired =
        status === 401 ||
        (status === 403 && errors.some((e) => /expired/i.test(`${e.code} ${e.title} ${e.detail}`)));
      if (expired && !refreshed) {
        refreshed = true;
        tokens.invalidate(token);
        attempt--;
        continue;
      }
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
      if (canRetry && RETRYABLE_STATUS.includes(status) && !(retryAfterMs! > retry.maxDelayMs)) {
        await wait(retryAfterMs ?? backoffDelay(attempt - 1, retry));
        continue;
      }
      const code = errors[0]?.code;
      throw new BasiqApiError(
        `${method} ${path}: ${status} ${code || statusText || 'error'}${correlationId ? ` (correlationId ${correlationId})` : ''}${
          status === 403 ? forbiddenHint : ''
        }`,
        { status, code, errors, correlationId, retryAfterMs, ...where },
      );
    }
  };
}
