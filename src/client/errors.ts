/** One entry of Basiq's error envelope (`{ type: 'list', correlationId, data: [...] }`). */
export interface BasiqErrorDetail {
  code: string;
  title?: string;
  detail?: string;
  source?: { parameter?: string; pointer?: string };
}

/**
 * The base of every error the kit throws. Catch this to handle any Basiq failure;
 * check `instanceof` a subclass (or `name`) to tell them apart. No error ever carries a token.
 */
export class BasiqError extends Error {
  override name = 'BasiqError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Basiq answered with an error status (4xx/5xx). */
export class BasiqApiError extends BasiqError {
  override name = 'BasiqApiError';
  /** HTTP status. */
  readonly status: number;
  /** `code` of the first error in Basiq's envelope (e.g. `resource-not-found`), if any. */
  readonly code?: string;
  /** Every error of Basiq's envelope. */
  readonly errors: BasiqErrorDetail[];
  /** Basiq's `correlationId`: quote it to Basiq support. */
  readonly correlationId?: string;
  readonly method: string;
  /** The request path, without query string. */
  readonly path: string;
  /** How long Basiq asked us to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(init: {
    status: number;
    method: string;
    path: string;
    errors?: BasiqErrorDetail[];
    correlationId?: string;
    retryAfterMs?: number;
    statusText?: string;
  }) {
    const errors = init.errors ?? [];
    const code = errors[0]?.code;
    const what = code ?? (init.statusText || 'error');
    const correlation = init.correlationId ? ` (correlationId ${init.correlationId})` : '';
    super(`${init.method} ${init.path}: ${init.status} ${what}${correlation}${hint(init.status)}`);
    this.status = init.status;
    this.code = code;
    this.errors = errors;
    this.correlationId = init.correlationId;
    this.method = init.method;
    this.path = init.path;
    this.retryAfterMs = init.retryAfterMs;
  }
}

function hint(status: number): string {
  if (status === 403) {
    return ': a CLIENT_ACCESS token may not make this call; make it from your server (or point baseUrl at your own proxy)';
  }
  if (status === 429) return ': rate limited by Basiq; try again later';
  return '';
}

/** The token source (`tokenUrl` or `getToken`) failed or returned something that is not a token. */
export class BasiqTokenError extends BasiqError {
  override name = 'BasiqTokenError';
  /** HTTP status of the token endpoint, when it answered. */
  readonly status?: number;
  constructor(message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options);
    this.status = options?.status;
  }
}

/** Why the token guard refused a token. */
export type TokenRefusal = 'not-jwt' | 'no-scope' | 'wrong-scope' | 'expired' | 'user-mismatch';

/** The token guard refused a token (not a CLIENT_ACCESS JWT, expired, or for another user); nothing was sent. */
export class BasiqTokenScopeError extends BasiqError {
  override name = 'BasiqTokenScopeError';
  readonly reason: TokenRefusal;
  constructor(reason: TokenRefusal, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Why no response arrived. */
export type NetworkFailure = 'network' | 'timeout' | 'aborted';

/** No response: the connection failed, the request timed out, or it was aborted. */
export class BasiqNetworkError extends BasiqError {
  override name = 'BasiqNetworkError';
  readonly reason: NetworkFailure;
  readonly method: string;
  readonly path: string;
  constructor(init: { reason: NetworkFailure; method: string; path: string; cause?: unknown }) {
    const what =
      init.reason === 'timeout'
        ? 'timed out; check your connection and try again'
        : init.reason === 'aborted'
          ? 'aborted'
          : 'no response (network error); check your connection and try again';
    super(`${init.method} ${init.path}: ${what}`, { cause: init.cause });
    this.reason = init.reason;
    this.method = init.method;
    this.path = init.path;
  }
}

/** Basiq answered 2xx with a body the kit cannot read (empty, not JSON, or not the expected shape). */
export class BasiqResponseError extends BasiqError {
  override name = 'BasiqResponseError';
  readonly status: number;
  readonly method: string;
  readonly path: string;
  constructor(init: { status: number; method: string; path: string; problem: string }) {
    super(
      `${init.method} ${init.path}: ${init.status} with ${init.problem}; a proxy may be in the way`,
    );
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
  }
}
