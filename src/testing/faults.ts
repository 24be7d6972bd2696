import { basiqError } from './envelope.js';
import type { FaultTarget, MalformKind } from './types.js';

interface Fault extends FaultTarget {
  left: number;
  status?: number;
  retryAfter?: number | string;
  malform?: MalformKind;
  drop?: true;
}

// What a proxy in front of Basiq sends when it breaks.
const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

const covers = ({ path }: FaultTarget, requestPath: string) =>
  path === undefined
    ? requestPath !== '/token'
    : typeof path === 'string'
      ? requestPath.startsWith(path)
      : path.test(requestPath);

/** Queued failures, dropped connections and malformed bodies, each used up by the requests it covers. */
export function createFaults() {
  let queue: Fault[] = [];

  function take(kind: 'status' | 'malform' | 'drop', requestPath: string): Fault | undefined {
    const fault = queue.find((f) => f[kind] !== undefined && covers(f, requestPath));
    if (fault && --fault.left === 0) queue = queue.filter((f) => f !== fault);
    return fault;
  }

  return {
    failNext(n: number, status: number, options: FaultTarget & { retryAfter?: number | string }) {
      if (n > 0) queue.push({ ...options, left: n, status });
    },
    dropNext(n: number, target: FaultTarget) {
      if (n > 0) queue.push({ ...target, left: n, drop: true });
    },
    /** A network error (`Response.error()`) when a dropped connection is queued for this request. */
    drop(requestPath: string): Response | undefined {
      return take('drop', requestPath) ? Response.error() : undefined;
    },
    malformNext(kind: MalformKind, { n = 1, ...target }: FaultTarget & { n?: number }) {
      if (n > 0) queue.push({ ...target, left: n, malform: kind });
    },
    /** The injected failure for this request, if one is queued. */
    failure(requestPath: string): Response | undefined {
      const fault = take('status', requestPath);
      if (!fault) return undefined;
      const { status = 500, retryAfter } = fault;
      return basiqError(status, `Injected failure (${status}) from control.failNext.`, {
        ...(retryAfter !== undefined && { headers: { 'retry-after': String(retryAfter) } }),
      });
    },
    /** `response` with a malformed body, if one is queued for this request. */
    async malform(requestPath: string, response: Response): Promise<Response> {
      const kind = take('malform', requestPath)?.malform;
      if (!kind) return response;
      const text = await response.text();
      const headers = new Headers(response.headers);
      // The broken body is shorter than the original: a stale length would leave a client
      // waiting for bytes that never come, instead of reading the malformed body.
      headers.delete('content-length');
      // A 204 cannot carry a body, so a malformed one becomes a 200.
      const status = response.status === 204 ? 200 : response.status;
      if (kind === 'empty') {
        headers.delete('content-type');
        return new Response(null, { status, headers });
      }
      if (kind === 'html') headers.set('content-type', 'text/html');
      const body = kind === 'html' ? HTML_PAGE : text.slice(0, Math.max(1, text.length >> 1));
      return new Response(body || '{', { status, headers });
    },
    reset() {
      queue = [];
    },
  };
}
