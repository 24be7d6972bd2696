import { delay, http, type HttpHandler } from 'msw';
import { basiqError } from './envelope.js';
import { createFaults } from './faults.js';
import { MOCK_DEFAULTS } from './fixtures.js';
import { mintToken, readToken } from './jwt.js';
import { createMockStore } from './mockStore.js';
import { authLinkRoutes } from './routes/authLinkRoutes.js';
import { consentRoutes } from './routes/consentRoutes.js';
import { eventRoutes } from './routes/eventRoutes.js';
import { jobRoutes } from './routes/jobRoutes.js';
import { fitsPattern, type MockSettings, type Route, type RouteContext } from './routes/route.js';
import { tokenRoute } from './routes/tokenRoute.js';
import { userRoutes } from './routes/userRoutes.js';
import { declaredTooLarge, malformedPath, readBody, URL_LIMIT_CHARS } from './requestLimits.js';
import type { BasiqMock, BasiqMockControl, BasiqMockOptions, MockRequest } from './types.js';

const REST_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The mock with its insides, for `startMockBasiqServer`. */
export function createMockInternals(options: BasiqMockOptions = {}) {
  const baseUrl = (options.baseUrl ?? MOCK_DEFAULTS.baseUrl).replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const settings: MockSettings = {
    apiKey: options.apiKey ?? MOCK_DEFAULTS.apiKey,
    tokenTtlSeconds: options.tokenTtlSeconds ?? MOCK_DEFAULTS.tokenTtlSeconds,
    tokenRateLimit: options.tokenRateLimit ?? 1500,
    mfaAnswer: options.mfaAnswer ?? MOCK_DEFAULTS.mfaAnswer,
    mfaExpiryMs: options.mfaExpiryMs ?? MOCK_DEFAULTS.mfaExpiryMs,
  };
  const manual = options.clock === 'manual';
  let start = Date.now();
  let offset = 0;
  const now = () => (manual ? start : Date.now()) + offset;
  const store = createMockStore({ baseUrl, mfaExpiryMs: settings.mfaExpiryMs, now });
  const seed = () => options.users?.forEach((id) => store.createUser({ id }));
  seed();
  const faults = createFaults();
  let latency = 0;
  let log: MockRequest[] = [];

  /** Checks the caller like Basiq: a refusal, or undefined when the route may run. */
  function refusal(route: Route, context: RouteContext): Response | undefined {
    const authorization = context.request.headers.get('authorization');
    if (route.access === 'api-key') {
      if (authorization === `Basic ${settings.apiKey}`) return undefined;
      return basiqError(401, 'Send your API key as Authorization: Basic <api key>.', {
        code: 'invalid-authorization-token',
      });
    }
    const claims = readToken(authorization);
    if (!claims) {
      return basiqError(401, 'Send a bearer token from POST /token.', {
        code: 'invalid-authorization-token',
      });
    }
    // Basiq answers an expired token with 403, not 401.
    if (claims.exp * 1000 <= now()) return basiqError(403, 'Token has expired');
    if (claims.scope === 'CLIENT_ACCESS') {
      if (route.access === 'server') {
        return basiqError(
          403,
          'This endpoint needs a SERVER_ACCESS token: call it from your server.',
        );
      }
      const owner = route.owner?.(context);
      if (owner !== undefined && owner !== claims.userid) {
        return basiqError(401, 'This token was issued for another user.');
      }
    }
    context.claims = claims;
    return undefined;
  }

  const routes = [
    tokenRoute(),
    ...userRoutes(),
    ...jobRoutes(),
    ...consentRoutes(),
    ...authLinkRoutes(),
    ...eventRoutes(),
  ];

  const pathOf = (url: URL) => url.pathname.slice(basePath.length) || '/';

  const tooLarge = () =>
    basiqError(413, 'The body is larger than the mock reads (1 MiB).', {
      code: 'payload-too-large',
    });

  /**
   * A refusal due before any route is matched: a URL too long to parse at every handler, a
   * path MSW cannot decode, a body declared too big.
   */
  function screen(request: Request): Response | undefined {
    if (request.url.length > URL_LIMIT_CHARS) {
      return basiqError(400, 'The URL is longer than the mock reads (16 KiB).', {
        code: 'parameter-not-valid',
      });
    }
    if (malformedPath(pathOf(new URL(request.url)))) {
      return basiqError(400, 'The path has a malformed percent-encoding.', {
        code: 'parameter-not-valid',
      });
    }
    return declaredTooLarge(request.headers) ? tooLarge() : undefined;
  }

  /**
   * The answer to a request no route takes. A REST method (GET, PUT, …) is routed, so an unknown
   * one of those is 404; any other (TRACE, OPTIONS, PROPFIND, …) is refused on every path with
   * 405, its `Allow` naming the methods the path's routes take.
   */
  function unrouted(method: string, path: string): Response {
    if (REST_METHODS.has(method)) return basiqError(404, `No route ${method} ${path}.`);
    const allowed = [
      ...new Set(routes.filter((r) => fitsPattern(r.path, path)).map((r) => r.method)),
    ].map((m) => m.toUpperCase());
    return basiqError(405, `The mock does not serve ${method}.`, {
      headers: { allow: allowed.join(', ') },
    });
  }

  /** Runs `route`: the caller is checked, then the body is read under the size limit. */
  async function run(route: Route, context: RouteContext): Promise<Response> {
    const refused = refusal(route, context);
    if (refused) return refused;
    if (route.method === 'post') {
      const read = await readBody(context.request);
      if (!read.ok) {
        return read.status === 413 ? tooLarge() : basiqError(400, 'The body could not be read.');
      }
      context.body = read.text;
    }
    return route.handle(context);
  }

  async function respond(
    route: Route | undefined,
    request: Request,
    params: RouteContext['params'],
    { method = request.method, screened }: { method?: string; screened?: Response } = {},
  ) {
    const url = new URL(request.url);
    const path = pathOf(url);
    const authorization = request.headers.get('authorization');
    const claims = readToken(authorization);
    const entry: MockRequest = {
      method,
      path,
      search: url.search.slice(1),
      auth: claims?.scope ?? (/^Basic /i.test(authorization ?? '') ? 'basic' : 'none'),
      ...(claims?.userid !== undefined && { userId: claims.userid }),
      time: now(),
      status: 0,
    };
    log.push(entry);
    if (latency > 0) await delay(latency);
    // A dropped connection: no status (0 in the log), and the route does not run.
    const dropped = faults.drop(path);
    if (dropped) return dropped;
    const context: RouteContext = { request, params, url, body: '', store, now, baseUrl, settings };
    const response =
      faults.failure(path) ??
      screened ??
      (route ? await run(route, context) : unrouted(method, path));
    const answer = await faults.malform(path, response);
    entry.status = answer.status;
    return answer;
  }

  const handlers: HttpHandler[] = [
    // First, so its refusals come before any route parses the URL again; matched by a RegExp
    // without groups, which MSW does not decode: a route's pattern throws on a malformed path,
    // and MSW answers that with a 500.
    http.all(new RegExp(`^${escapeRegExp(baseUrl)}/`), ({ request }) => {
      const screened = screen(request);
      return screened && respond(undefined, request, {}, { screened });
    }),
    ...routes.map((route) =>
      http[route.method](`${baseUrl}${route.path}`, ({ request, params }) =>
        respond(route, request, params as Record<string, string>),
      ),
    ),
    http.all(`${baseUrl}/*`, ({ request }) => respond(undefined, request, {})),
  ];

  /**
   * Answers a request whose method `Request` cannot carry (TRACE, CONNECT, TRACK), for
   * `startMockBasiqServer`: `request` stands in with GET, and is logged under `method`.
   */
  const refuseMethod = (request: Request, method: string) =>
    respond(undefined, request, {}, { method, screened: screen(request) });

  const control: BasiqMockControl = {
    createUser: (user) => store.createUser(user).id,
    createJob(jobOptions) {
      const job = store.startJob(jobOptions);
      return { jobId: job.id, ...(job.connectionId && { connectionId: job.connectionId }) };
    },
    clientToken(userId, { expiresInSeconds = settings.tokenTtlSeconds } = {}) {
      if (!store.user(userId)) store.createUser({ id: userId });
      return mintToken('CLIENT_ACCESS', { userId, now: now(), ttlSeconds: expiresInSeconds });
    },
    serverToken: ({ expiresInSeconds = settings.tokenTtlSeconds } = {}) =>
      mintToken('SERVER_ACCESS', { now: now(), ttlSeconds: expiresInSeconds }),
    advance(ms) {
      if (!(ms >= 0)) throw new TypeError('control.advance: ms must be a number ≥ 0');
      offset += ms;
    },
    now,
    failNext: (n, status, target = {}) => faults.failNext(n, status, target),
    dropNext: (n, target = {}) => faults.dropNext(n, target),
    malformNext: (kind, target = {}) => faults.malformNext(kind, target),
    setLatency(ms) {
      latency = Math.max(0, ms);
    },
    requests: () => log.map((entry) => ({ ...entry })),
    reset() {
      store.reset();
      faults.reset();
      latency = 0;
      log = [];
      offset = 0;
      start = Date.now();
      seed();
    },
  };

  return { handlers, control, store, settings, baseUrl, now, refuseMethod };
}

/**
 * A stateful Basiq for tests: MSW handlers that mint unsigned CLIENT_ACCESS/SERVER_ACCESS
 * JWTs, check tokens like Basiq (401 garbled or another user's, 403 expired or server-only),
 * run jobs through their steps on a clock (MFA included), and keep users, consents, auth
 * links and events; plus a `control` to start jobs, move the clock, inject faults (error
 * statuses, dropped connections, malformed bodies, latency) and count requests. Defaults: API
 * key `'test-api-key'`, MFA answer `'123456'`, base URL `https://au-api.basiq.io`.
 *
 * @example
 * const { handlers, control } = createBasiqMock();
 * const server = setupServer(...handlers);
 * const { jobId } = control.createJob({ userId: 'user-1', scenario: 'mfa-token', stepMs: 100 });
 * const client = createBasiqClient({ getToken: async () => control.clientToken('user-1') });
 */
export function createBasiqMock(options: BasiqMockOptions = {}): BasiqMock {
  const { handlers, control } = createMockInternals(options);
  return { handlers, control };
}
