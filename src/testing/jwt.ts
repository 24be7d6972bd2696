import { decodeJwtPayload } from '../internal/decodeJwtPayload.js';

// Unsigned JWTs (`alg: none`) with Basiq's claims. The kit's guard decodes them like real
// ones; nothing here is a secret, so no signature is made or checked.
const encode = (value: object) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export interface MockClaims {
  scope: 'CLIENT_ACCESS' | 'SERVER_ACCESS';
  userid?: string;
  version: string;
  iat: number;
  exp: number;
  jti: string;
}

/** A token for `scope` (and `userId`), issued at `now` and living `ttlSeconds`. */
export function mintToken(
  scope: MockClaims['scope'],
  { userId, now, ttlSeconds }: { userId?: string; now: number; ttlSeconds: number },
): string {
  const iat = Math.floor(now / 1000);
  const claims: MockClaims = {
    scope,
    ...(userId !== undefined && { userid: userId }),
    version: '3.0',
    iat,
    exp: iat + ttlSeconds,
    jti: crypto.randomUUID(),
  };
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

/** The claims of a bearer token, or undefined when it is missing or garbled. */
export function readToken(authorization: string | null): MockClaims | undefined {
  const [, token] = /^Bearer\s+(\S+)$/i.exec(authorization ?? '') ?? [];
  const claims = decodeJwtPayload(token);
  const known = claims?.scope === 'CLIENT_ACCESS' || claims?.scope === 'SERVER_ACCESS';
  return known && typeof claims.exp === 'number' ? (claims as unknown as MockClaims) : undefined;
}
