import { decodeJwtPayload } from '../internal/decodeJwtPayload.js';
import { BasiqTokenScopeError, type TokenRefusal } from './errors.js';

/** The claims of a token the guard accepted. */
export interface ClientTokenClaims {
  scope: 'CLIENT_ACCESS';
  /** Basiq's claim is lower case `userid`. */
  userid?: string;
  /** Expiry, in epoch seconds. */
  exp?: number;
}

const refuse = (reason: TokenRefusal, what: string) =>
  new BasiqTokenScopeError(
    `Token refused (${what}): give the browser a fresh CLIENT_ACCESS token for this user, never SERVER_ACCESS`,
    { reason },
  );

/**
 * Decodes a token's JWT payload (base64url, no signature check: the browser
 * cannot verify it) and returns its claims if it is a CLIENT_ACCESS token the
 * browser may use; otherwise throws `BasiqTokenScopeError`. The error never
 * holds the token or its user id.
 */
export function assertClientToken(
  token: unknown,
  options: { userId?: string; now?: number } = {},
): ClientTokenClaims {
  const claims = decodeJwtPayload(token);
  if (!claims) throw refuse('not-jwt', 'not a JWT');
  const { scope, exp } = claims;
  if (scope === undefined) throw refuse('no-scope', 'no scope claim');
  if (scope !== 'CLIENT_ACCESS') {
    throw refuse('wrong-scope', `scope ${JSON.stringify(scope).slice(0, 40)}`);
  }
  if (exp !== undefined && !((exp as number) * 1000 > (options.now ?? Date.now()))) {
    throw refuse('expired', 'expired');
  }
  if (options.userId !== undefined && claims.userid !== options.userId) {
    throw refuse('user-mismatch', 'another user');
  }
  return claims as unknown as ClientTokenClaims;
}
