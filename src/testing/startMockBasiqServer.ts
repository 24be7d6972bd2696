import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getResponse } from 'msw';
import { consentPage, type ConsentPageOptions } from './consentPage.js';
import { createMockInternals } from './createBasiqMock.js';
import { basiqError } from './envelope.js';
import { BODY_LIMIT_BYTES } from './requestLimits.js';
import type { BasiqMockControl, BasiqMockOptions } from './types.js';

/** Options of {@link startMockBasiqServer}: the mock's, plus where and how to serve it. */
export interface MockBasiqServerOptions
  extends Omit<BasiqMockOptions, 'baseUrl'>, ConsentPageOptions {
  /** `0` picks a free port. @default 0 */
  port?: number;
  /** Keep it on loopback: the mock has no real security. @default '127.0.0.1' */
  host?: string;
  /** Browser origins allowed by CORS; `'*'` allows any. @default '*' */
  corsOrigins?: string[] | '*';
}

/** A running mock Basiq. */
export interface MockBasiqServer {
  /** The API's base URL, e.g. `http://127.0.0.1:41234`: use it as `baseUrl`. */
  url: string;
  /** The consent stand-in's base: use it as `consentBaseUrl` (the kit appends `/home`). */
  consentUrl: string;
  /** A line to print at start-up. */
  banner: string;
  control: BasiqMockControl;
  /** Stops the server and closes its connections. */
  close(): Promise<void>;
}

const ALLOWED_HEADERS = 'authorization, basiq-version, content-type, accept';

/** The request's path and query: absolute-form (`GET http://…/x`) and `*` targets stay on the mock. */
function targetOf(raw = '/'): string {
  if (raw.startsWith('/')) return raw;
  try {
    const url = new URL(raw);
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

/**
 * The body of `req`, counted as it arrives: once past `BODY_LIMIT_BYTES` the chunks read so far
 * come back (one chunk over the limit, so the mock answers 413) and the rest is read and
 * dropped, never held. A body already declared too large is not read at all.
 */
function readUpTo(req: IncomingMessage): Promise<Uint8Array[]> {
  if (Number(req.headers['content-length']) > BODY_LIMIT_BYTES) {
    // The mock answers 413 from the header; Node drops the unread body.
    req.resume();
    return Promise.resolve([]);
  }
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > BODY_LIMIT_BYTES) return;
      size += chunk.byteLength;
      chunks.push(chunk);
      if (size > BODY_LIMIT_BYTES) resolve(chunks);
    });
    req.on('end', () => resolve(chunks));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('the client hung up mid-body'));
    });
  });
}

/** Whether `Request` takes `method`: fetch refuses CONNECT, TRACE and TRACK outright. */
function fetchable(method: string): boolean {
  try {
    new Request('http://127.0.0.1/', { method });
    return true;
  } catch {
    return false;
  }
}

/**
 * Serves the mock Basiq over real HTTP on loopback (for a demo app, end-to-end tests or
 * local development), with CORS for browser apps and a stand-in consent page at
 * `/consent/home` that starts jobs and redirects to `redirectUrl` with `jobIds` and `state`.
 *
 * @example
 * const server = await startMockBasiqServer({ port: 4010, redirectUrl: 'http://127.0.0.1:5173/connected' });
 * console.log(server.banner);
 * // createBasiqClient({ baseUrl: server.url, consentBaseUrl: server.consentUrl, tokenUrl })
 * await server.close();
 */
export async function startMockBasiqServer(
  options: MockBasiqServerOptions = {},
): Promise<MockBasiqServer> {
  const { port = 0, host = '127.0.0.1', corsOrigins = '*', ...rest } = options;
  // Loaded on use, so importing `basiq-react/testing` in a browser (Storybook) stays safe.
  const { createServer, STATUS_CODES } = await import('node:http');
  let mock: ReturnType<typeof createMockInternals> | undefined;
  let origin = '';

  const cors = (req: IncomingMessage): Record<string, string> => {
    const from = req.headers.origin;
    if (!from || (corsOrigins !== '*' && !corsOrigins.includes(from))) return {};
    return {
      'access-control-allow-origin': from,
      'access-control-expose-headers': 'retry-after',
      vary: 'Origin',
    };
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors(req),
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-allow-headers':
          req.headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    const response = await answer(req);
    // `control.dropNext`: no answer at all, the connection is reset.
    if (response.type === 'error') {
      req.socket.destroy();
      return;
    }
    send(req, res, response.status, response.headers, await response.arrayBuffer());
  }

  async function answer(req: IncomingMessage): Promise<Response> {
    const url = new URL(`${origin}${targetOf(req.url)}`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const method = req.method ?? 'GET';
    if (!fetchable(method)) {
      req.resume();
      return mock!.refuseMethod(new Request(url, { headers }), method);
    }
    const hasBody = method !== 'GET' && method !== 'HEAD';
    if (!hasBody) req.resume();
    const request = new Request(url, {
      method,
      headers,
      body: hasBody ? new Blob((await readUpTo(req)) as BlobPart[]) : undefined,
    });
    return (
      (await consentPage(mock!, request, rest)) ??
      (await getResponse(mock!.handlers, request)) ??
      new Response(null, { status: 404 })
    );
  }

  function send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    from: Headers,
    body: ArrayBuffer,
  ) {
    const headers: Record<string, string> = { ...cors(req) };
    from.forEach((value, name) => (headers[name] = value));
    // The length of what is sent, not what a header says: `control.malformNext` shortens bodies.
    delete headers['content-length'];
    if (status !== 204 && status !== 304) headers['content-length'] = String(body.byteLength);
    res.writeHead(status, headers);
    res.end(Buffer.from(body));
  }

  const server = createServer((req, res) => {
    handle(req, res)
      .catch(async (error: unknown) => {
        // A bug in the mock, or a client that hung up: still an answer in Basiq's envelope.
        const failure = basiqError(500, `mock Basiq failed: ${(error as Error)?.message ?? error}`);
        if (res.headersSent) res.end();
        else send(req, res, 500, failure.headers, await failure.arrayBuffer());
      })
      .catch(() => res.destroy());
  });
  // Node hands a CONNECT (a proxy tunnel) over as a bare socket: refuse it like TRACE.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    answer(req)
      .then(async (response) => {
        if (response.type === 'error') return socket.destroy();
        const body = Buffer.from(await response.arrayBuffer());
        const head = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
        response.headers.forEach((value, name) => {
          if (name !== 'content-length') head.push(`${name}: ${value}`);
        });
        head.push(`content-length: ${body.byteLength}`, 'connection: close', '', '');
        socket.end(Buffer.concat([Buffer.from(head.join('\r\n')), body]));
      })
      .catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      origin = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
      mock = createMockInternals({ ...rest, baseUrl: origin });
      resolve();
    });
  });
  return {
    url: origin,
    consentUrl: `${origin}/consent`,
    banner: `Mock Basiq on ${origin} (API key ${mock!.settings.apiKey}, MFA answer ${mock!.settings.mfaAnswer}; consent page ${origin}/consent/home)`,
    control: mock!.control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
