import { isAllowedUrl } from '../client/isAllowedUrl.js';

// Values people leave in an environment file before they have a key.
const PLACEHOLDERS =
  /^(undefined|null|changeme|change-me|your[-_ ]?api[-_ ]?key|api[-_ ]?key|xxx+|todo|secret|test)$/i;

const missingApiKey = (caller: string) =>
  new TypeError(
    `${caller}: apiKey is missing; pass your Basiq API key (e.g. process.env.BASIQ_API_KEY)`,
  );

/**
 * Refuses a missing API key, a token or header where the key belongs, a key with control
 * characters or whitespace inside (an environment variable wrapped over two lines would put it
 * into every request's `Basic` header and every error), or a placeholder. The message never
 * echoes the key.
 */
export function assertApiKey(caller: string, apiKey: unknown): asserts apiKey is string {
  if (typeof apiKey !== 'string' || !apiKey.trim()) throw missingApiKey(caller);
  if (/^(bearer|basic)\s/i.test(apiKey) || apiKey.split('.').length === 3) {
    throw new TypeError(
      `${caller}: apiKey looks like a token or a header, not an API key; pass the key itself from the Basiq dashboard`,
    );
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]|\s/.test(apiKey.trim()) || apiKey !== apiKey.trim()) {
    throw new TypeError(
      `${caller}: apiKey has a line break, a control character or a space in it; check how the environment variable is set`,
    );
  }
  if (PLACEHOLDERS.test(apiKey)) {
    throw new TypeError(
      `${caller}: apiKey is a placeholder, not a key; set BASIQ_API_KEY to your key from the Basiq dashboard`,
    );
  }
}

/**
 * {@link assertApiKey}, and Basiq's `baseUrl` must be `https:` (or `http:` on loopback). A key
 * that is not set at all (`undefined`, `null` or blank) is not thrown but returned, for the
 * caller to report on its first use: `next build` and other bundlers load server modules without
 * the deployment's secrets, and a route module must load there.
 */
export function assertServerOptions(
  caller: string,
  apiKey: unknown,
  baseUrl: string,
): TypeError | undefined {
  const unset = apiKey == null || (typeof apiKey === 'string' && !apiKey.trim());
  if (!unset) assertApiKey(caller, apiKey);
  if (!/^https:\/\//i.test(baseUrl) && !isAllowedUrl(baseUrl, [])) {
    throw new TypeError(
      `${caller}: baseUrl must be https: (or http: on localhost) so the API key never travels in clear`,
    );
  }
  return unset ? missingApiKey(caller) : undefined;
}
