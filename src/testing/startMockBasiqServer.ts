import type { IncomingMessage, ServerResponse } from 'node:http';
import { getResponse } from 'msw';
import { consentPage, type ConsentPageOptions } from './consentPage.js';
import { createMockInternals } from './createBasiqMock.js';
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

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? new Blob(chunks as BlobPart[]) : undefined,
  });
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
  const { createServer } = await import('node:http');
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
    const request = await toRequest(req, origin);
    const response =
      (await consentPage(mock!, request, rest)) ??
      (await getResponse(mock!.handlers, request)) ??
      new Response(null, { status: 404 });
    // `control.dropNext`: no answer at all, the connection is reset.
    if (response.type === 'error') {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { ...cors(req) };
    response.headers.forEach((value, name) => (headers[name] = value));
    res.writeHead(response.status, headers);
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { ...cors(req), 'content-type': 'text/plain' });
      res.end(`mock Basiq failed: ${(error as Error)?.message ?? error}`);
    });
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
