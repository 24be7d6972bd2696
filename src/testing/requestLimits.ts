// What the mock refuses before any route runs, so that no request can crash it or hold it up:
// paths MSW cannot decode, overlong URLs, and bodies over the size limit.

/**
 * The largest request body the mock reads: 1 MiB. Basiq's own bodies are a few hundred bytes;
 * anything bigger gets 413 and is never held whole in memory.
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The longest URL the mock reads: 16 KiB, as over HTTP, where Node refuses a longer request
 * head (431) before the mock sees it. Every MSW handler parses the URL again, so a 100 kB
 * query cost tens of milliseconds, during which no other request was served.
 */
export const URL_LIMIT_CHARS = 16 * 1024;

/**
 * Whether `path` has a malformed percent-encoding (`%ZZ`, a cut UTF-8 sequence). MSW decodes
 * path parameters with `decodeURIComponent` and answers 500 when that throws, so such paths
 * must be answered before any route is matched.
 */
export function malformedPath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** Whether the request's `content-length` already says its body is over `limit`. */
export function declaredTooLarge(headers: Headers, limit = BODY_LIMIT_BYTES): boolean {
  return Number(headers.get('content-length')) > limit;
}

/** A request body read under the limit: its text, or the status that refuses it. */
export type BodyRead = { ok: true; text: string } | { ok: false; status: 400 | 413 };

/**
 * The body of `request` as UTF-8 text, read chunk by chunk with a byte counter: past `limit`
 * the stream is cancelled and 413 comes back, so a large or endless body (no `content-length`,
 * or chunked) costs at most `limit` bytes. A body that fails mid-way (the client hung up) is a
 * 400.
 */
export async function readBody(request: Request, limit = BODY_LIMIT_BYTES): Promise<BodyRead> {
  if (declaredTooLarge(request.headers, limit)) return { ok: false, status: 413 };
  const stream = request.body;
  if (!stream) {
    // No stream: an empty body, or a browser without `Request.body` (read whole, then counted).
    const text = await request.text();
    const size = new TextEncoder().encode(text).byteLength;
    return size > limit ? { ok: false, status: 413 } : { ok: true, text };
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => undefined);
        return { ok: false, status: 413 };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400 };
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(bytes) };
}
