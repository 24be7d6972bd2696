import { ofetch } from 'ofetch';
import { createConsentState, rememberConsentState } from './consentState.js';
import { isAllowedUrl } from './isAllowedUrl.js';
import { normalizeJob } from './normalizeJob.js';
import { readList, readObject, stringEntries } from './readBody.js';
import { createRequester } from './request.js';
import { RETRY_DEFAULTS, type RetryOptions } from './retryPolicy.js';
import { createTokenSource, type TokenResult } from './tokenSource.js';
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
  /** Retries of GET requests (network errors, 408, 425, 429, 5xx but 501). @default { attempts: 3, baseDelayMs: 500, maxDelayMs: 10000 } */
  retry?: RetryOptions;
  /** Time limit of one try of a request (and of a token fetch). @default 15000 */
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

const DEFAULT_BASE_URL = 'https://au-api.basiq.io';
const DEFAULT_CONSENT_BASE_URL = 'https://consent.basiq.io';
/** The consent UI must not outlive its token mid-flow. */
const CONSENT_TOKEN_MIN_VALIDITY_MS = 10 * 60_000;
const ID = /^[A-Za-z0-9_-]+$/;

const segment = (value: string) => encodeURIComponent(value);

function assertSafeBase(name: string, url: string, allowPath: boolean) {
  const isPath = allowPath && url.startsWith('/') && !url.startsWith('//');
  const secure = /^https:\/\//i.test(url) || isAllowedUrl(url, []);
  if (!isPath && !secure) {
    throw new TypeError(
      `createBasiqClient: ${name} must be an https: URL (or http: on localhost), so tokens never travel in clear; got ${url}`,
    );
  }
}

function toAuthLink(body: Record<string, unknown>): AuthLink {
  const links = stringEntries(body.links);
  const mobile = body.mobile;
  return {
    userId: typeof body.userId === 'string' ? body.userId : '',
    ...(typeof mobile === 'string' || typeof mobile === 'number' ? { mobile: String(mobile) } : {}),
    expiresAt: typeof body.expiresAt === 'string' ? body.expiresAt : '',
    ...(links.public ? { url: links.public } : {}),
    links,
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
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const consentBaseUrl = (options.consentBaseUrl ?? DEFAULT_CONSENT_BASE_URL).replace(/\/+$/, '');
  assertSafeBase('baseUrl', baseUrl, true);
  assertSafeBase('consentBaseUrl', consentBaseUrl, false);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const tokens = createTokenSource({
    tokenUrl: options.tokenUrl,
    tokenMethod: options.tokenMethod,
    getToken: options.getToken,
    userId: options.userId,
    fetch: options.fetch,
    refreshSkewMs: options.refreshSkewMs ?? 60_000,
    timeoutMs,
  });
  const $fetch = ofetch.create(
    { baseURL: baseUrl, headers: { 'basiq-version': '3.0', accept: 'application/json' } },
    options.fetch ? { fetch: options.fetch } : {},
  );
  const request = createRequester({
    $fetch,
    tokens,
    retry: { ...RETRY_DEFAULTS, ...options.retry },
    timeoutMs,
  });

  return {
    async getJob(jobId, { signal } = {}) {
      const path = `/jobs/${segment(jobId)}`;
      return normalizeJob(
        readObject(await request('GET', path, { signal }), { method: 'GET', path }),
      );
    },
    async listUserJobs(userId, { connectionId } = {}, { signal } = {}) {
      if (connectionId !== undefined && !ID.test(connectionId)) {
        throw new TypeError(
          `listUserJobs: connectionId must be a Basiq id; got ${JSON.stringify(connectionId)}`,
        );
      }
      const path = `/users/${segment(userId)}/jobs`;
      const filter = connectionId ? `connection.id.eq('${connectionId}')` : undefined;
      const reply = await request('GET', path, { query: { filter }, signal });
      return readList(reply, { method: 'GET', path }).map(normalizeJob);
    },
    async submitMfa(jobId, answers, { signal } = {}) {
      if (
        !Array.isArray(answers) ||
        answers.length === 0 ||
        answers.some((a) => typeof a !== 'string')
      ) {
        throw new TypeError(
          'submitMfa: answers must be a non-empty array of strings, one per prompt',
        );
      }
      const path = `/jobs/${segment(jobId)}/mfa`;
      const reply = await request('POST', path, { body: { 'mfa-response': answers }, signal });
      const body =
        reply.body && typeof reply.body === 'object' ? (reply.body as { id?: unknown }) : {};
      return { jobId: typeof body.id === 'string' ? body.id : jobId };
    },
    async getConsents(userId, { signal } = {}) {
      const path = `/users/${segment(userId)}/consents`;
      const reply = await request('GET', path, { signal });
      return readList(reply, { method: 'GET', path }) as unknown as Consent[];
    },
    async revokeConsent(userId, consentId, { signal } = {}) {
      await request('DELETE', `/users/${segment(userId)}/consents/${segment(consentId)}`, {
        signal,
      });
    },
    async createAuthLink(userId, { mobile } = {}, { signal } = {}) {
      const path = `/users/${segment(userId)}/auth_link`;
      const reply = await request('POST', path, { body: mobile ? { mobile } : {}, signal });
      return toAuthLink(readObject(reply, { method: 'POST', path }));
    },
    async getAuthLink(userId, { signal } = {}) {
      const path = `/users/${segment(userId)}/auth_link`;
      try {
        return toAuthLink(
          readObject(await request('GET', path, { signal }), { method: 'GET', path }),
        );
      } catch (error) {
        if ((error as { status?: unknown }).status === 410) return null;
        throw error;
      }
    },
    async deleteAuthLink(userId, { signal } = {}) {
      await request('DELETE', `/users/${segment(userId)}/auth_link`, { signal });
    },
    async listEvents({ userId, filter } = {}, { signal } = {}) {
      const parts = [userId ? `user.id.eq('${userId.replace(/'/g, '')}')` : '', filter ?? ''];
      const query = { filter: parts.filter(Boolean).join(',') || undefined };
      const reply = await request('GET', '/events', { query, signal });
      return readList(reply, { method: 'GET', path: '/events' }) as BasiqEvent[];
    },
    async consentUrl(params = {}, { signal } = {}) {
      if (signal?.aborted) throw signal.reason;
      const { token } = await tokens.get({ minValidityMs: CONSENT_TOKEN_MIN_VALIDITY_MS });
      const state = params.state ?? createConsentState();
      rememberConsentState(state);
      const url = new URL(`${consentBaseUrl}/home`);
      url.searchParams.set('token', token);
      const rest = {
        action: params.action,
        state,
        institutionId: params.institutionId,
        connectionId: params.connectionId,
      };
      for (const [key, value] of Object.entries(rest)) {
        if (value) url.searchParams.set(key, value);
      }
      return url.toString();
    },
    async tokenInfo({ signal } = {}) {
      if (signal?.aborted) throw signal.reason;
      const { claims, expiresAt } = await tokens.get();
      return { userId: claims.userid, expiresAt, scope: 'CLIENT_ACCESS' };
    },
  };
}
