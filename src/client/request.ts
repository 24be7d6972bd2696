import { FetchError, type $Fetch, type FetchContext } from 'ofetch';
import { apiError } from '../internal/readEnvelope.js';
import { deadline } from '../internal/deadline.js';
import { NOT_JSON } from '../internal/createTransport.js';
import { isRecord } from '../internal/isRecord.js';
import { networkFailure, safeCause } from '../internal/networkFailure.js';
import {
  BasiqApiError,
  BasiqError,
  BasiqNetworkError,
  BasiqResponseError,
  type NetworkFailure,
} from './errors.js';
import {
  RETRYABLE_STATUS,
  backoffDelay,
  parseRetryAfter,
  type RetryOptions,
} from './retryPolicy.js';
import type { TokenSource } from './tokenSource.js';

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
  /** The client's ofetch instance. */
  transport: $Fetch;
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

/** What is wrong with a 2xx body, or '' when it is what the endpoint expects. */
function bodyProblem(data: unknown, expect: RequestInit['expect']): string {
  // A write Basiq answered 2xx is done, whatever its body: reporting it failed would lie.
  if (!expect) return '';
  if (data === NOT_JSON) return 'a body that is not JSON';
  if (data === undefined) return 'an empty body';
  if (!isRecord(data)) return 'a body that is not a JSON object';
  return expect === 'list' && !Array.isArray(data.data) ? 'a list without a data array' : '';
}

// Basiq answers an expired token with 403 "Token has expired", not 401.
const rejectsToken = ({ status, errors }: BasiqApiError) =>
  status === 401 ||
  (status === 403 && errors.some((e) => /expired/i.test(`${e.code} ${e.title} ${e.detail}`)));

const retryAfterOf = ({ response }: Pick<FetchContext, 'response'>) =>
  parseRetryAfter(response?.headers.get('retry-after') ?? null);

/** Rejects as soon as `signal` aborts, whatever `promise` is still waiting for. */
function unlessAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Builds the one function every Basiq endpoint goes through, on the client's ofetch instance:
 * the token (checked by the guard before every try, retries included), `basiq-version`, GET
 * retries with backoff and `Retry-After`, a time limit per try, and Basiq's answers read into
 * the kit's errors. No ofetch error leaves it: they hold the request's headers.
 */
export function createRequester({
  baseUrl,
  transport,
  tokens,
  retry,
  timeoutMs,
  forbiddenHint = ': a CLIENT_ACCESS token may not make this call; make it from your server (or point baseUrl at your proxy)',
}: RequesterOptions): Requester {
  /** One request, retried by ofetch when it is a GET; `used.token` is the token it sent last. */
  async function send(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    { query, body, signal, expect }: RequestInit,
    used: { token?: string },
  ) {
    const where = { method, path };
    const retries = method === 'GET' ? retry.attempts - 1 : 0;
    let clear = () => {};
    const tryOnce = transport.raw(path, {
      baseURL: baseUrl,
      method,
      headers: { accept: 'application/json', 'basiq-version': '3.0' },
      query: Object.fromEntries(Object.entries(query ?? {}).filter(([, value]) => value)),
      body,
      retry: retries,
      retryStatusCodes: RETRYABLE_STATUS,
      retryDelay: (context) =>
        retryAfterOf(context) ?? backoffDelay(retries - Number(context.options.retry ?? 0), retry),
      async onRequest(context) {
        // A try after the caller gave up (ofetch's wait between tries cannot be stopped).
        signal?.throwIfAborted();
        const { token } = await tokens.get();
        used.token = token;
        context.options.headers.set('authorization', `Bearer ${token}`);
        const limit = deadline(timeoutMs, signal);
        clear = limit.clear;
        context.options.signal = limit.signal;
      },
      onRequestError: () => clear(),
      onResponse: () => clear(),
      onResponseError(context) {
        // Waiting longer than maxDelayMs would hold a request open for minutes: give up now.
        if (retryAfterOf(context)! > retry.maxDelayMs) context.options.retry = false;
      },
    });
    let response;
    try {
      response = await unlessAborted(tryOnce, signal);
    } catch (error) {
      tryOnce.catch(() => {});
      clear();
      if (error instanceof BasiqError) throw error;
      if (error instanceof FetchError && error.response && !signal?.aborted) {
        const { status, statusText, _data: data } = error.response;
        const answer = { status, statusText, data, retryAfterMs: retryAfterOf(error) };
        throw apiError(where, answer, status === 403 ? forbiddenHint : '');
      }
      const reason = networkFailure(error, signal);
      throw new BasiqNetworkError(
        `${method} ${path}: ${NETWORK_MESSAGES[reason]}`,
        { reason, ...where },
        { cause: safeCause(error) },
      );
    }
    const data: unknown = response._data;
    const problem = bodyProblem(data, expect);
    if (problem) {
      throw new BasiqResponseError(
        `${method} ${path}: ${response.status} with ${problem}; a proxy may be in the way`,
        { status: response.status, ...where },
      );
    }
    return expect === 'list' ? (data as { data: unknown[] }).data.filter(isRecord) : data;
  }

  return async function request(method, path, init = {}) {
    const used: { token?: string } = {};
    try {
      return (await send(method, path, init, used)) as never;
    } catch (error) {
      // A rejected token is dropped and the request sent once more with a new one.
      if (!(error instanceof BasiqApiError && rejectsToken(error) && used.token)) throw error;
      tokens.invalidate(used.token);
      return (await send(method, path, init, {})) as never;
    }
  };
}
