import type { HttpHandler } from 'msw';
import type { MockScenario, TimedStep } from './scenarios.js';

/** Options of {@link createBasiqMock}. Every field has a default a test can rely on. */
export interface BasiqMockOptions {
  /** Where the mock answers; point `createBasiqClient({ baseUrl })` here too. @default 'https://au-api.basiq.io' */
  baseUrl?: string;
  /** The API key `POST /token` accepts, sent as `Authorization: Basic <apiKey>`. @default 'test-api-key' */
  apiKey?: string;
  /** `expires_in` of every token the mock mints, in seconds. @default 3600 */
  tokenTtlSeconds?: number;
  /** Token requests allowed per 5 minutes before `POST /token` answers 429 (Basiq's limit). @default 1500 */
  tokenRateLimit?: number;
  /** The answer every MFA prompt accepts. @default '123456' */
  mfaAnswer?: string;
  /** How long an MFA challenge waits for its answer before the job fails. @default 120000 */
  mfaExpiryMs?: number;
  /**
   * `'real'`: the mock's clock is `Date.now()` (so Vitest fake timers move it) plus whatever
   * `control.advance` added. `'manual'`: it stands still at its start until `control.advance`.
   * @default 'real'
   */
  clock?: 'real' | 'manual';
  /** Users that exist from the start (ids). @default [] */
  users?: string[];
}

/** How long each step of a mock job takes, in ms: one number for every step, or per step title. */
export type StepDurations = number | Partial<Record<TimedStep, number>>;

/** Options of {@link BasiqMockControl.createJob}. */
export interface CreateJobOptions {
  /** The job's user; created when it does not exist yet. */
  userId: string;
  /** What the job will do. @default 'success' */
  scenario?: MockScenario;
  /**
   * Step durations; the default is the reference timeline (verify-credentials
   * 4.3 s, retrieve-accounts 6.2 s, retrieve-transactions 30.5 s, 1 s to check an MFA answer).
   */
  stepMs?: StepDurations;
  /**
   * Refresh this connection instead of creating a new one. This always starts a new job, even
   * while one runs; the API's refresh route returns the running job instead, as Basiq does.
   */
  connectionId?: string;
  /** The bank of a new connection. @default 'AU00000' (Hooli Bank, the sandbox bank) */
  institutionId?: string;
}

/** A malformed body for {@link BasiqMockControl.malformNext}. */
export type MalformKind = 'empty' | 'html' | 'truncated';

/** Which requests a fault applies to: a path prefix or pattern. @default every path but `/token` */
export interface FaultTarget {
  path?: string | RegExp;
}

/** One request the mock received, for counting and assertions. */
export interface MockRequest {
  method: string;
  /** The path without origin or query, e.g. `/jobs/4f0c…`. */
  path: string;
  /** The query string without `?` (empty when none). */
  search: string;
  /** What authorised it: a token's scope, `'basic'` (API key on `/token`) or `'none'`. */
  auth: 'CLIENT_ACCESS' | 'SERVER_ACCESS' | 'basic' | 'none';
  /** The token's `userid` claim, for CLIENT_ACCESS tokens. */
  userId?: string;
  /** The mock clock when it arrived, epoch ms. */
  time: number;
  /** The status the mock answered; `0` while unanswered, and for a dropped connection (`dropNext`). */
  status: number;
}

/** Drives and observes the mock from a test. */
export interface BasiqMockControl {
  /** Creates a user (a random id unless given) and returns its id. */
  createUser(user?: { id?: string; email?: string; mobile?: string }): string;
  /**
   * Starts a connection job (creating the user, an active consent and a connection as needed)
   * and returns its ids. The job advances on the mock clock.
   */
  createJob(options: CreateJobOptions): { jobId: string; connectionId?: string };
  /** A CLIENT_ACCESS token for `userId` (created if missing), minted without a request (for `getToken`). */
  clientToken(userId: string, options?: { expiresInSeconds?: number }): string;
  /** A SERVER_ACCESS token, minted without a request. */
  serverToken(options?: { expiresInSeconds?: number }): string;
  /** Moves the mock clock forward. */
  advance(ms: number): void;
  /** The mock clock, epoch ms. */
  now(): number;
  /** The next `n` matching requests answer `status` in Basiq's error envelope. */
  failNext(
    n: number,
    status: number,
    options?: FaultTarget & { retryAfter?: number | string },
  ): void;
  /**
   * The next `n` matching requests get no answer at all: the connection drops, as when a
   * proxy resets it or the network goes away mid-request. Through MSW the handler answers
   * `Response.error()`, so `fetch` rejects with a `TypeError`; over `startMockBasiqServer` the
   * socket is destroyed. The route does not run (nothing changes on the mock), and the
   * request's {@link MockRequest.status} stays `0`. Checked after the latency, before `failNext`.
   *
   * @example
   * control.dropNext(2, { path: '/jobs' }); // the next two job requests fail with a network error
   */
  dropNext(n: number, options?: FaultTarget): void;
  /** The next matching response (or `n` of them) keeps its status but gets a malformed body. */
  malformNext(kind: MalformKind, options?: FaultTarget & { n?: number }): void;
  /** Delays every response by `ms` (0 turns it off). */
  setLatency(ms: number): void;
  /** Every request received since the start or the last `reset()`, oldest first. */
  requests(): MockRequest[];
  /** Forgets every user, job, consent, link, event, fault (drops included) and request, and the clock offset. */
  reset(): void;
}

/** What {@link createBasiqMock} returns. */
export interface BasiqMock {
  /** MSW request handlers: `setupServer(...handlers)` or `setupWorker(...handlers)`. */
  handlers: HttpHandler[];
  control: BasiqMockControl;
}
