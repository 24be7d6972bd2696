// Works in Node and in the browser project alike.
const base64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** An unsigned JWT (`alg: none`) carrying `payload`, as the mock Basiq mints them. */
export function makeJwt(payload: Record<string, unknown>): string {
  return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}.`;
}

/** A CLIENT_ACCESS token for `userid`, valid for `seconds`. */
export function clientToken(
  userid = 'user-1',
  seconds = 3600,
  extra: Record<string, unknown> = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return makeJwt({
    scope: 'CLIENT_ACCESS',
    userid,
    version: '3.0',
    iat: now,
    exp: now + seconds,
    jti: Math.random().toString(36).slice(2),
    ...extra,
  });
}
