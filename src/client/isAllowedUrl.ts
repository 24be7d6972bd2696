const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Basiq's own hosts, where the kit may send a user. */
export const BASIQ_HOSTS: readonly string[] = [
  'consent.basiq.io',
  'connect.basiq.io',
  'au-api.basiq.io',
  'basiq.io',
];

/**
 * Whether `url` may be opened or receive a token: `https:` on one of `hosts`
 * (exact host names), or `http:` on a loopback host (local development against
 * the mock Basiq). Anything else, `javascript:` and `data:` included, is refused.
 *
 * @example isAllowedUrl('https://consent.basiq.io/home?token=…') // true
 * @example isAllowedUrl('http://evil.example/') // false
 */
export function isAllowedUrl(url: string | URL, hosts: readonly string[] = BASIQ_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:') return hosts.includes(parsed.hostname.toLowerCase());
  return parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname);
}
