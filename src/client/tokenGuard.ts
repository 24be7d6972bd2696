import { BasiqTokenScopeError } from './errors.js';

/** The claims of a token the guard accepted. */
export interface ClientTokenClaims {
  scope: 'CLIENT_ACCESS';
  /** Basiq's claim is lower case `userid`. */
  userid?: string;
  /** Expiry, in epoch seconds. */
  exp?: number;
  iat?: number;
  version?: string;
}

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function decodePayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1] || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return undefined;
  try {
    const payload = decodeSegment(parts[1]);
    return payload && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function describeScope(scope: unknown): string {
  const text = typeof scope === 'string' ? scope : JSON.stringify(scope);
  return (text ?? String(scope)).slice(0, 40);
}

/**
 * Decodes a token's JWT payload (base64url, no signature check: the browser
 * cannot verify it) and returns its claims if it is a CLIENT_ACCESS token the
 * browser may use; otherwise throws `BasiqTokenScopeError`. Never puts the token
 * or its user id into the error.
 */
export function assertClientToken(
  token: unknown,
  options: { userId?: string; now?: number } = {},
): ClientTokenClaims {
  const payload = typeof token === 'string' ? decodePayload(token) : undefined;
  if (!payload) {
    throw new BasiqTokenScopeError(
      'not-jwt',
      'Refused the token: it is not a JWT; your token endpoint must return a Basiq CLIENT_ACCESS token',
    );
  }
  if (!('scope' in payload)) {
    throw new BasiqTokenScopeError(
      'no-scope',
      'Refused the token: it has no scope claim; mint it with scope=CLIENT_ACCESS on your server',
    );
  }
  if (payload.scope !== 'CLIENT_ACCESS') {
    throw new BasiqTokenScopeError(
      'wrong-scope',
      `Refused a token with scope "${describeScope(payload.scope)}": the browser only uses CLIENT_ACCESS tokens; never send a SERVER_ACCESS token to the browser`,
    );
  }
  const exp = payload.exp;
  if (exp !== undefined && (typeof exp !== 'number' || exp * 1000 <= (options.now ?? Date.now()))) {
    throw new BasiqTokenScopeError(
      'expired',
      'Refused the token: it has expired; your token endpoint must return a fresh token',
    );
  }
  if (options.userId !== undefined && payload.userid !== options.userId) {
    throw new BasiqTokenScopeError(
      'user-mismatch',
      'Refused the token: it belongs to another user than the userId this client was given',
    );
  }
  return payload as unknown as ClientTokenClaims;
}
