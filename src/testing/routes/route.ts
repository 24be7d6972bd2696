import { basiqError } from '../envelope.js';
import type { MockClaims } from '../jwt.js';
import type { MockStore } from '../mockStore.js';

/** Who may call a route: the API key (`/token`), any valid token, or SERVER_ACCESS only. */
export type Access = 'api-key' | 'token' | 'server';

/** What a route handler gets. */
export interface RouteContext {
  request: Request;
  params: Record<string, string>;
  url: URL;
  /** The request body as text, read under the size limit before `handle` runs ('' for GET). */
  body: string;
  claims?: MockClaims;
  store: MockStore;
  now: () => number;
  baseUrl: string;
  settings: MockSettings;
}

/** The mock's options with every default filled in. */
export interface MockSettings {
  apiKey: string;
  tokenTtlSeconds: number;
  tokenRateLimit: number;
  mfaAnswer: string;
  mfaExpiryMs: number;
}

export interface Route {
  method: 'get' | 'post' | 'delete';
  /** MSW path pattern under the base URL, e.g. `/jobs/:jobId`. */
  path: string;
  access: Access;
  /** The user a resource belongs to: a CLIENT_ACCESS token must carry that `userid`. */
  owner?: (context: RouteContext) => string | undefined;
  handle: (context: RouteContext) => Response | Promise<Response>;
}

/** The owner of `/users/:userId/…` routes. */
export const pathUser = ({ params }: RouteContext) => params.userId;

/**
 * Whether a raw request `path` fits a route's `pattern` (`/users/:userId`) as MSW matches it:
 * literal segments ignore case, a `:param` takes one non-empty segment, a trailing `/` is fine.
 */
export function fitsPattern(pattern: string, path: string): boolean {
  const wanted = pattern.split('/');
  const given = (path.endsWith('/') && path !== '/' ? path.slice(0, -1) : path).split('/');
  return (
    wanted.length === given.length &&
    wanted.every((part, i) =>
      part.startsWith(':') ? given[i] !== '' : part.toLowerCase() === given[i]!.toLowerCase(),
    )
  );
}

/** The request's JSON body, or undefined when it is not JSON. */
export function jsonBody({ body }: RouteContext): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The JSON body as an object (`{}` when the body is empty), or a 400 whose `source.pointer` is
 * `/`: Basiq documents an object body for every route that takes one.
 */
export function objectBody(context: RouteContext): Record<string, unknown> | Response {
  if (context.body.trim() === '') return {};
  const body = jsonBody(context);
  if (isObject(body)) return body;
  return basiqError(400, 'The body must be a JSON object.', {
    code: 'parameter-not-valid',
    pointer: '/',
  });
}

/** A 400 pointing at the first of `keys` that `body` has with a value that is not a string. */
export function notStrings(
  body: Record<string, unknown>,
  keys: readonly string[],
): Response | undefined {
  const wrong = keys.find((key) => Object.hasOwn(body, key) && typeof body[key] !== 'string');
  return wrong === undefined
    ? undefined
    : basiqError(400, `${wrong} must be a string.`, {
        code: 'parameter-not-valid',
        pointer: `/${wrong}`,
      });
}
