import { http, HttpResponse } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { clientToken } from './jwt';

export const API = 'https://au-api.basiq.io';
export const TOKEN_URL = 'https://app.test/api/basiq/token';

export interface SeenRequest {
  method: string;
  url: URL;
  authorization: string | null;
  body: string;
}

/**
 * The MSW server of the calling test file, its hooks registered for that file:
 * call it once, at the top level (named `setup…`, not `use…`, since the React
 * hooks lint rule refuses a `use…` call there). Anything unhandled fails the
 * test; after each test the handlers go back to `handlers` and real timers are
 * restored. (Testing Library's cleanup runs from test/setup/cleanup.ts.)
 */
export function setupMswServer(...handlers: Parameters<typeof setupServer>): SetupServer {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    vi.useRealTimers();
  });
  afterAll(() => server.close());
  return server;
}

/**
 * An MSW server for one test file: every request is recorded, anything
 * unhandled fails the test, and handlers reset after each test.
 */
export function useMswServer() {
  const server = setupServer();
  const seen: SeenRequest[] = [];
  server.events.on('request:start', async ({ request }) => {
    seen.push({
      method: request.method,
      url: new URL(request.url),
      authorization: request.headers.get('authorization'),
      body: await request.clone().text(),
    });
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  afterAll(() => server.close());
  return {
    server,
    /** Every request seen since the test began. */
    seen,
    /** Requests to Basiq's API (not the token endpoint). */
    apiRequests: () => seen.filter((r) => r.url.origin === API),
    tokenRequests: () => seen.filter((r) => r.url.href === TOKEN_URL),
  };
}

/** A token endpoint answering a fresh CLIENT_ACCESS token each call (or `make()`'s answer). */
export function tokenEndpoint(
  make: () => unknown = () => ({
    access_token: clientToken(),
    expires_in: 3600,
    token_type: 'Bearer',
  }),
) {
  return http.post(TOKEN_URL, () => HttpResponse.json(make() as Record<string, unknown>));
}

/** Basiq's error envelope. */
export function basiqError(
  status: number,
  code: string,
  detail = 'Something went wrong',
  headers?: HeadersInit,
) {
  return HttpResponse.json(
    { type: 'list', correlationId: 'corr-1', data: [{ type: 'error', code, title: code, detail }] },
    { status, headers },
  );
}

/** A small connection job in Basiq's shape. */
export function rawJob(id = 'job-1', status = 'in-progress') {
  return {
    type: 'job',
    id,
    created: '2024-09-25T04:15:59Z',
    updated: '2024-09-25T04:15:59Z',
    jobType: 'connection',
    steps: [
      { title: 'verify-credentials', status, result: null },
      { title: 'retrieve-accounts', status: 'pending', result: null },
    ],
    links: { self: `${API}/jobs/${id}` },
  };
}
