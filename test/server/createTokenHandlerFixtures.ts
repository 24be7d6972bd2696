/**
 * What the createTokenHandler test files share: `test/server/createTokenHandler.test.ts` and
 * `test/server/createTokenHandler.*.test.ts`. Not a test file itself.
 */
import type { SetupServer } from 'msw/node';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { createTokenHandler } from '../../src/server';
import type { TokenHandlerOptions } from '../../src/server';
import { createBasiqMock } from '../../src/testing';
import type { BasiqMockControl, BasiqMockOptions } from '../../src/testing';
import { API, TOKEN_URL } from '../support/server';

export const MINUTE = 60_000;
export const T0 = Date.UTC(2030, 0, 1, 9, 0, 0);

/**
 * The per-file setup of a createTokenHandler test file: call it once, at the top level, right
 * after `setupMswServer()`, with that server. It records what reached Basiq, checks after each
 * test that nothing was written to the console, and gives the file its mock Basiq.
 */
export function setupTokenHandlerFixtures(server: SetupServer) {
  /** What reached Basiq's `POST /token`: the form body of each request. */
  const upstreamForms: Array<Promise<URLSearchParams>> = [];
  server.events.on('request:start', ({ request }) => {
    if (request.url === `${API}/token`) {
      upstreamForms.push(
        request
          .clone()
          .text()
          .then((text) => new URLSearchParams(text)),
      );
    }
  });

  // The handler must never write to the console: not the token, not Basiq's answer, nothing.
  let consoleSpies: MockInstance[] = [];
  beforeEach(() => {
    upstreamForms.length = 0;
    // No jitter on refresh times unless a test asks for it, so the timings below are exact.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    consoleSpies = (['log', 'info', 'debug', 'warn', 'error'] as const).map((method) =>
      vi.spyOn(console, method),
    );
  });
  afterEach(() => {
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });

  /** A mock Basiq (real clock: it follows the faked Date) with users u1, u2 and u3. */
  function mockBasiq(options: BasiqMockOptions = {}): BasiqMockControl {
    const { handlers, control } = createBasiqMock({ users: ['u1', 'u2', 'u3'], ...options });
    server.use(...handlers);
    return control;
  }

  return { upstreamForms, mockBasiq };
}

export interface TokenBody {
  access_token: string;
  expires_in: number;
  token_type: string;
}

/** A handler for the signed-in user `u2` (unless `getUserId` says otherwise). */
export function handlerFor(overrides: Partial<TokenHandlerOptions> = {}) {
  const onError = vi.fn<(error: unknown) => void>();
  const getUserId = vi.fn<TokenHandlerOptions['getUserId']>(() => 'u2');
  const handler = createTokenHandler({ apiKey: 'test-api-key', getUserId, onError, ...overrides });
  return { handler, onError, getUserId };
}

/** What the browser client sends to its `tokenUrl`. */
export const tokenRequest = (init: RequestInit = {}, url = TOKEN_URL) =>
  new Request(url, { method: 'POST', body: JSON.stringify({ userId: 'u2' }), ...init });

export const tokenPosts = (control: BasiqMockControl) =>
  control.requests().filter((r) => r.method === 'POST' && r.path === '/token');

/** The JWT payload, decoded by hand. */
export function claimsOf(token: string): Record<string, unknown> {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

export async function tokenOf(response: Response): Promise<TokenBody> {
  expect(response.status).toBe(200);
  return (await response.json()) as TokenBody;
}

/**
 * A failure answer (`status`), checked to carry `Retry-After` in whole seconds, to say nothing
 * of Basiq's answer and to hold no token.
 */
export async function opaqueFailure(response: Response, status: number, ...secrets: string[]) {
  expect(response.status).toBe(status);
  expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  expect(text).not.toMatch(/access_token|eyJ|Bearer|correlation/i);
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text.length).toBeLessThan(120);
  expect(JSON.parse(text)).toEqual({ error: expect.any(String) });
  return text;
}
