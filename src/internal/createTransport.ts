import { ofetch, type $Fetch } from 'ofetch';

/** What `parseResponse` gives for a body that is not JSON, so callers can say so. */
export const NOT_JSON = Symbol('not JSON');

/** JSON, `undefined` for an empty body, or {@link NOT_JSON}: never a throw, never a guess. */
function parseBody(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : undefined;
  } catch {
    return NOT_JSON;
  }
}

/**
 * The one ofetch instance a client (or the server) sends every request through. Two things
 * are ours:
 * - `fetch` is looked up at call time: MSW and tests replace `globalThis.fetch` after the
 *   client is made;
 * - `parseResponse` keeps a body that is not JSON recognisable ({@link NOT_JSON}) instead of
 *   handing back the raw text, so a proxy's HTML page is reported, not mistaken for data.
 */
export function createTransport(fetchImpl?: typeof fetch): $Fetch {
  return ofetch.create(
    { parseResponse: parseBody },
    { fetch: (input, init) => (fetchImpl ?? globalThis.fetch)(input, init) },
  );
}
