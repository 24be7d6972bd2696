import type { MockClaims } from '../jwt.js';
import type { MockStore } from '../mockStore.js';

/** Who may call a route: the API key (`/token`), any valid token, or SERVER_ACCESS only. */
export type Access = 'api-key' | 'token' | 'server';

/** What a route handler gets. */
export interface RouteContext {
  request: Request;
  params: Record<string, string>;
  url: URL;
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

/** The request's JSON body, or undefined when it is not JSON. */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    return undefined;
  }
}
