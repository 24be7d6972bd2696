import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { setupMswServer } from '../support/server';
import {
  MINUTE,
  T0,
  handlerFor,
  setupTokenHandlerFixtures,
  tokenOf,
  tokenPosts,
  tokenRequest,
} from './createTokenHandlerFixtures';

const server = setupMswServer();
const { mockBasiq } = setupTokenHandlerFixtures(server);

/** `n` requests of the signed-in user in turn: their statuses and Retry-After values. */
async function ask(handler: (request: Request) => Promise<Response>, n: number) {
  const answers: string[] = [];
  for (let i = 0; i < n; i++) {
    const response = await handler(tokenRequest());
    answers.push(`${response.status} ${response.headers.get('retry-after')}`);
  }
  return [...new Set(answers)];
}

const at = (ms: number) => vi.setSystemTime(T0 + ms);

describe('createTokenHandler (backoff after Basiq fails)', () => {
  it("should answer 429 with Basiq's Retry-After and not ask again before it, for 100 requests", async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const control = mockBasiq();
    control.failNext(1, 429, { path: '/token', retryAfter: 120 });
    const { handler, onError } = handlerFor();

    expect(await ask(handler, 100)).toEqual(['429 120']);
    at(60_000);
    expect(await ask(handler, 1)).toEqual(['429 60']);
    expect(tokenPosts(control)).toHaveLength(1);
    expect(onError).toHaveBeenCalledTimes(1);
    at(120_000);
    await tokenOf(await handler(tokenRequest()));
    expect(tokenPosts(control).map((r) => r.status)).toEqual([429, 200]);
  });

  it('should answer 503 with a Retry-After that doubles per failure in a row while Basiq answers 503', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const control = mockBasiq();
    control.failNext(3, 503, { path: '/token' });
    const { handler } = handlerFor();

    expect(await ask(handler, 100)).toEqual(['503 1']);
    at(1_000);
    expect(await ask(handler, 100)).toEqual(['503 2']);
    at(3_000);
    expect(await ask(handler, 100)).toEqual(['503 4']);
    expect(tokenPosts(control)).toHaveLength(3);
    at(7_000);
    await tokenOf(await handler(tokenRequest()));
    expect(tokenPosts(control)).toHaveLength(4);
  });

  it('should ask an unreachable Basiq once per backoff window, not once per request', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const upstream = vi.fn(() => HttpResponse.error());
    server.use(http.post('https://au-api.basiq.io/token', upstream));
    const { handler, onError } = handlerFor();

    expect(await ask(handler, 100)).toEqual(['503 1']);
    expect(upstream).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('should wait five minutes for a user Basiq does not know (404), reported once', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const control = mockBasiq();
    const { handler, onError } = handlerFor({ getUserId: () => 'no-such-user' });

    expect(await ask(handler, 100)).toEqual(['503 300']);
    at(4 * MINUTE);
    expect(await ask(handler, 10)).toEqual(['503 60']);
    expect(tokenPosts(control).map((r) => r.status)).toEqual([404]);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('should wait five minutes after Basiq refuses the API key (401), reported once, for every user', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const control = mockBasiq();
    let userId = 'u1';
    const { handler, onError } = handlerFor({ apiKey: 'wrong-key', getUserId: () => userId });

    expect(await ask(handler, 50)).toEqual(['503 300']);
    userId = 'u2';
    expect(await ask(handler, 50)).toEqual(['503 300']);
    expect(tokenPosts(control).map((r) => r.status)).toEqual([401]);
    expect(onError).toHaveBeenCalledTimes(1);
  });
});
