import type { Job } from './types.js';

/** One entry of Basiq's error envelope (`{ type: 'list', correlationId, data: [...] }`). */
export interface BasiqErrorDetail {
  code: string;
  title?: string;
  detail?: string;
  source?: { parameter?: string; pointer?: string };
}

/**
 * The base of every error the kit throws. Catch it to handle any Basiq failure;
 * tell them apart with `instanceof` (or `name`). No error ever carries a token.
 */
export class BasiqError extends Error {
  override name = 'BasiqError';
  /** @param fields the subclass's own fields (status, reason, …) */
  constructor(message: string, fields?: object, options?: { cause?: unknown }) {
    super(message, options);
    Object.assign(this, fields);
  }
}

/** Basiq answered with an error status (4xx/5xx). */
export class BasiqApiError extends BasiqError {
  override name = 'BasiqApiError';
  /** HTTP status. */
  declare readonly status: number;
  /** `code` of the first error in Basiq's envelope (e.g. `resource-not-found`), if any. */
  declare readonly code?: string;
  /** Every error of Basiq's envelope. */
  declare readonly errors: BasiqErrorDetail[];
  /** Basiq's `correlationId`: quote it to Basiq support. */
  declare readonly correlationId?: string;
  declare readonly method: string;
  /** The request path, without query string. */
  declare readonly path: string;
  /** How long Basiq asked us to wait (`Retry-After`), in milliseconds. */
  declare readonly retryAfterMs?: number;
}

/** The token source (`tokenUrl` or `getToken`) failed or gave something that is not a token. */
export class BasiqTokenError extends BasiqError {
  override name = 'BasiqTokenError';
  /** HTTP status of the token endpoint, when it answered. */
  declare readonly status?: number;
  /**
   * How long the token endpoint asked to wait (its `Retry-After`, e.g. while Basiq refuses to
   * mint), in milliseconds; no token request is sent before it has passed.
   */
  declare readonly retryAfterMs?: number;
}

/** Why the token guard refused a token. */
export type TokenRefusal = 'not-jwt' | 'no-scope' | 'wrong-scope' | 'expired' | 'user-mismatch';

/** The token guard refused a token (not a CLIENT_ACCESS JWT, expired, or another user's); nothing was sent. */
export class BasiqTokenScopeError extends BasiqError {
  override name = 'BasiqTokenScopeError';
  declare readonly reason: TokenRefusal;
}

/** Why no response arrived. */
export type NetworkFailure = 'network' | 'timeout' | 'aborted';

/** No response: the connection failed, the request timed out, or it was aborted. */
export class BasiqNetworkError extends BasiqError {
  override name = 'BasiqNetworkError';
  declare readonly reason: NetworkFailure;
  declare readonly method: string;
  declare readonly path: string;
}

/**
 * Basiq answered 2xx with a body the kit cannot read (empty, not JSON, or not the expected
 * shape) where it needs that body: every read, and `createAuthLink` (which returns the new
 * link). Any other write answered 2xx counts as done whatever its body.
 */
export class BasiqResponseError extends BasiqError {
  override name = 'BasiqResponseError';
  declare readonly status: number;
  declare readonly method: string;
  declare readonly path: string;
}

/**
 * A job was still running when `maxPollMs` ran out, so the kit stopped polling it. Refetch
 * (e.g. a "Check again" button) to look again and start a new `maxPollMs`.
 */
export class BasiqPollTimeoutError extends BasiqError {
  override name = 'BasiqPollTimeoutError';
  declare readonly jobId: string;
  declare readonly maxPollMs: number;
  /** The job as last seen. */
  declare readonly job: Job;
}

/**
 * The server did not ask Basiq for a token this time: minting for this user failed a moment
 * ago (`cause` says how) and it waits `retryAfterMs` before asking again, so one broken user
 * cannot spend the application's token budget (1,500 per 5 minutes).
 */
export class BasiqBackoffError extends BasiqError {
  override name = 'BasiqBackoffError';
  /** How long until the server asks Basiq again, in milliseconds. */
  declare readonly retryAfterMs: number;
  /** Basiq's status in the failure being waited out (429 for its rate limit), if it answered. */
  declare readonly status?: number;
}
