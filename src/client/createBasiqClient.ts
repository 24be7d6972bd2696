import { createTransport } from '../internal/createTransport.js';
import { createConsentState, rememberConsentState } from './consentState.js';
import { isAllowedUrl } from './isAllowedUrl.js';
import { normalizeJob } from './normalizeJob.js';
import { createRequester } from './request.js';
import { RETRY_DEFAULTS, type RetryOptions } from './retryPolicy.js';
import { createTokenSource, type TokenResult } from './tokenSource.js';
import { BasiqApiError } from './errors.js';
import type {
  AuthLink,
  BasiqEvent,
  Consent,
  ConsentUrlOptions,
  Job,
  RequestOptions,
  TokenInfo,
} from './types.js';

/** Options of {@link createBasiqClient}. Give `tokenUrl` or `getToken`. */
export interface BasiqClientOptions {
  /** Your endpoint that answers `{ access_token, expires_in, token_type }` with a CLIENT_ACCESS token for the signed-in user (see `basiq-react/server`). */
  tokenUrl?: string;
  /** HTTP method used on `tokenUrl`. @default 'POST' */
  tokenMethod?: 'GET' | 'POST';
  /** Alternative to `tokenUrl`: resolves to a CLIENT_ACCESS token string or `{ access_token, expires_in? }`. */
  getToken?: () => Promise<TokenResult>;
  /** When given, every token's `userid` claim must equal it, or the token is refused. */
  userId?: string;
  /** Where Basiq's API is: `https:`, `http:` on loopback (the mock), or a same-origin path (your proxy). @default 'https://au-api.basiq.io' */
  baseUrl?: string;
  /** Where the hosted consent UI is (`/home` is appended). @default 'https://consent.basiq.io' */
  consentBaseUrl?: string;
  /** The fetch to use (tests, SSR). @default globalThis.fetch, looked up at call time */
  fetch?: typeof fetch;
  /** Fetch a new token this long before the current one expires (at most half its life). @default 60000 */
  refreshSkewMs?: number;
  /** Retries of GET requests (network errors, timeouts, 408, 425, 429, 500, 502, 503, 504). @default { attempts: 3, baseDelayMs: 500, maxDelayMs: 10000 } */
  retry?: RetryOptions;
  /** Time limit of one try of a request, and of a call to `tokenUrl` (not of `getToken`). @default 15000 */
  timeoutMs?: number;
}

/** A filter for {@link BasiqClient.listUserJobs}. */
export interface UserJobsFilter {
  /** Only the jobs of this connection. */
  connectionId?: string;
}

/** A Basiq client for the browser: every method uses a CLIENT_ACCESS token the guard has checked. */
export interface BasiqClient {
  /** `GET /jobs/{jobId}`, normalized. */
  getJob(jobId: string, options?: RequestOptions): Promise<Job>;
  /** `GET /users/{userId}/jobs` (Basiq keeps the last 7 days), normalized. */
  listUserJobs(userId: string, filter?: UserJobsFilter, options?: RequestOptions): Promise<Job[]>;
  /** `POST /jobs/{jobId}/mfa` with one answer per prompt, in order. Never retried. */
  submitMfa(jobId: string, answers: string[], options?: RequestOptions): Promise<{ jobId: string }>;
  /** `GET /users/{userId}/consents`. */
  getConsents(userId: string, options?: RequestOptions): Promise<Consent[]>;
  /** `DELETE /users/{userId}/consents/{consentId}` (also removes its connections). */
  revokeConsent(userId: string, consentId: string, options?: RequestOptions): Promise<void>;
  /** `POST /users/{userId}/auth_link`; a new link replaces the previous one. */
  createAuthLink(
    userId: string,
    body?: { mobile?: string },
    options?: RequestOptions,
  ): Promise<AuthLink>;
  /** `GET /users/{userId}/auth_link`; `null` when it expired or was deleted (410). */
  getAuthLink(userId: string, options?: RequestOptions): Promise<AuthLink | null>;
  /** `DELETE /users/{userId}/auth_link`. */
  deleteAuthLink(userId: string, options?: RequestOptions): Promise<void>;
  /** `GET /events` (last 7 days), optionally for one user and with a Basiq `filter`. */
  listEvents(
    query?: { userId?: string; filter?: string },
    options?: RequestOptions,
  ): Promise<BasiqEvent[]>;
  /** The hosted consent UI's URL with a fresh token and a remembered random `state`. */
  consentUrl(params?: ConsentUrlOptions, options?: RequestOptions): Promise<string>;
  /** Facts about the current token (fetching one if needed); never the token itself. */
  tokenInfo(options?: RequestOptions): Promise<TokenInfo>;
}

/** The consent UI must not outlive its token mid-flow. */
const CONSENT_TOKEN_MIN_VALIDITY_MS = 10 * 60_000;
const ID = /^[\w-]+$/;

/** One path segment, encoded: ids come from callers and URLs. */
const segment = encodeURIComponent;

function assertSafeBase(name: string, url: string, allowPath?: boolean) {
  if (!(
    /^https:\/\//i.test(url) ||
    isAllowedUrl(url, []) ||
    (allowPath && /^\/(?!\/)/.test(url))
  )) {
    throw new TypeError(
      `createBasiqClient: ${name} must be https: (or http: on localhost) so tokens never travel in clear; got ${url}`,
    );
  }
}

function assertId(name: string, value: string | undefined) {
  if (value !== undefined && !ID.test(value)) {
    throw new TypeError(`${name} must be a Basiq id; got ${JSON.stringify(value)}`);
  }
}

function toAuthLink({ userId, mobile, expiresAt, links }: Record<string, unknown>): AuthLink {
  const stringLinks = Object.fromEntries(
    Object.entries(links ?? {}).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
  return {
    userId: String(userId ?? ''),
    ...(mobile == null ? {} : { mobile: String(mobile) }),
    expiresAt: String(expiresAt ?? ''),
    ...(stringLinks.public ? { url: stringLinks.public } : {}),
    links: stringLinks,
  };
}

/**
 * Creates the browser's Basiq client. It fetches CLIENT_ACCESS tokens from
 * `tokenUrl` (or `getToken`), keeps them in memory only, refuses any other token
 * before a request leaves, retries GETs with backoff and throws typed errors.
 *
 * @example
 * const client = createBasiqClient({ tokenUrl: '/api/basiq/token' });
 * const job = await client.getJob(jobId);
 */
export function createBasiqClient(options: BasiqClientOptions): BasiqClient {
  if (!options.tokenUrl && !options.getToken) {
    throw new TypeError('createBasiqClient: pass tokenUrl (your token endpoint) or getToken');
  }
  const {
    baseUrl = 'https://au-api.basiq.io',
    consentBaseUrl = 'https://consent.basiq.io',
    timeoutMs = 15_000,
  } = options;
  assertSafeBase('baseUrl', baseUrl, true);
  assertSafeBase('consentBaseUrl', consentBaseUrl);
  const transport = createTransport(options.fetch);
  const tokens = createTokenSource({ refreshSkewMs: 60_000, ...options, transport, timeoutMs });
  const request = createRequester({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    transport,
    tokens,
    retry: { ...RETRY_DEFAULTS, ...options.retry },
    timeoutMs,
  });

  return {
    async getJob(jobId, { signal } = {}) {
      return normalizeJob(
        await request('GET', `/jobs/${segment(jobId)}`, { signal, expect: 'object' }),
      );
    },
    async listUserJobs(userId, { connectionId } = {}, { signal } = {}) {
      assertId('connectionId', connectionId);
      const filter = connectionId && `connection.id.eq('${connectionId}')`;
      const jobs = await request<unknown[]>('GET', `/users/${segment(userId)}/jobs`, {
        query: { filter },
        signal,
        expect: 'list',
      });
      return jobs.map(normalizeJob);
    },
    async submitMfa(jobId, answers, { signal } = {}) {
      if (!answers?.length || answers.some((a) => typeof a !== 'string')) {
        throw new TypeError(
          'submitMfa: answers must be a non-empty array of strings, one per prompt',
        );
      }
      const body = await request<{ id?: unknown } | undefined>(
        'POST',
        `/jobs/${segment(jobId)}/mfa`,
        {
          body: { 'mfa-response': answers },
          signal,
        },
      );
      return { jobId: typeof body?.id === 'string' ? body.id : jobId };
    },
    getConsents(userId, { signal } = {}) {
      return request('GET', `/users/${segment(userId)}/consents`, { signal, expect: 'list' });
    },
    async revokeConsent(userId, consentId, { signal } = {}) {
      await request('DELETE', `/users/${segment(userId)}/consents/${segment(consentId)}`, {
        signal,
      });
    },
    async createAuthLink(userId, { mobile } = {}, { signal } = {}) {
      return toAuthLink(
        await request('POST', `/users/${segment(userId)}/auth_link`, {
          body: mobile ? { mobile } : {},
          signal,
          expect: 'object',
        }),
      );
    },
    async getAuthLink(userId, { signal } = {}) {
      try {
        return toAuthLink(
          await request('GET', `/users/${segment(userId)}/auth_link`, { signal, expect: 'object' }),
        );
      } catch (error) {
        if (error instanceof BasiqApiError && error.status === 410) return null;
        throw error;
      }
    },
    async deleteAuthLink(userId, { signal } = {}) {
      await request('DELETE', `/users/${segment(userId)}/auth_link`, { signal });
    },
    listEvents({ userId, filter } = {}, { signal } = {}) {
      assertId('userId', userId);
      const query = {
        filter:
          [userId && `user.id.eq('${userId}')`, filter].filter(Boolean).join(',') || undefined,
      };
      return request('GET', '/events', { query, signal, expect: 'list' });
    },
    async consentUrl(params = {}, { signal } = {}) {
      signal?.throwIfAborted();
      const { token } = await tokens.get(CONSENT_TOKEN_MIN_VALIDITY_MS);
      const state = params.state ?? createConsentState();
      rememberConsentState(state);
      const url = new URL(`${consentBaseUrl.replace(/\/+$/, '')}/home`);
      for (const [key, value] of Object.entries({ token, ...params, state })) {
        if (value) url.searchParams.set(key, value);
      }
      return url.href;
    },
    async tokenInfo({ signal } = {}) {
      signal?.throwIfAborted();
      const { claims, expiresAt } = await tokens.get();
      return { userId: claims.userid, expiresAt, scope: 'CLIENT_ACCESS' };
    },
  };
}
