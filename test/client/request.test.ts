import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  BasiqApiError,
  BasiqNetworkError,
  BasiqResponseError,
  createBasiqClient,
  type BasiqClientOptions,
} from '../../src';
import { API, TOKEN_URL, basiqError, rawJob, tokenEndpoint, useMswServer } from '../support/server';

const fastRetry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2_000 };
const makeClient = (options: Partial<BasiqClientOptions> = {}) =>
  createBasiqClient({ tokenUrl: TOKEN_URL, retry: fastRetry, ...options });

/** Answers from `answers` in turn; the last one repeats. */
const inTurn = (...answers: Array<() => Response>) => {
  let i = 0;
  return () => answers[Math.min(i++, answers.length - 1)]!();
};
const job = () => HttpResponse.json(rawJob());

describe('createBasiqClient (retry policy)', () => {
  const msw = useMswServer();

  it('should retry a GET after 429 without Retry-After, backing off', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(
        `${API}/jobs/:id`,
        inTurn(() => basiqError(429, 'too-many-requests'), job),
      ),
    );
    await expect(makeClient().getJob('job-1')).resolves.toMatchObject({ id: 'job-1' });
    expect(msw.apiRequests()).toHaveLength(2);
  });

  it('should wait Retry-After seconds before retrying a 429', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(
        `${API}/jobs/:id`,
        inTurn(
          () => basiqError(429, 'too-many-requests', 'Slow down', { 'retry-after': '1' }),
          job,
        ),
      ),
    );
    const started = performance.now();
    await makeClient().getJob('job-1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(msw.apiRequests()).toHaveLength(2);
  });

  it('should wait until a Retry-After HTTP date before retrying', async () => {
    const at = new Date(Date.now() + 2_000).toUTCString();
    msw.server.use(
      tokenEndpoint(),
      http.get(
        `${API}/jobs/:id`,
        inTurn(() => basiqError(503, 'service-unavailable', 'Later', { 'retry-after': at }), job),
      ),
    );
    const started = Date.now();
    await makeClient().getJob('job-1');
    // HTTP dates have whole seconds: the wait ends within the second named.
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(at));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('should give up at once when Retry-After is longer than maxDelayMs, saying how long to wait', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/jobs/:id`, () =>
        basiqError(429, 'too-many-requests', 'Slow down', { 'retry-after': '120' }),
      ),
    );
    const error = await makeClient()
      .getJob('job-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(msw.apiRequests()).toHaveLength(1);
  });

  it('should retry a 503 and return the job that follows', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(
        `${API}/jobs/:id`,
        inTurn(() => basiqError(503, 'service-unavailable'), job),
      ),
    );
    await expect(makeClient().getJob('job-1')).resolves.toMatchObject({ id: 'job-1' });
  });

  it.each([408, 425, 500, 502, 504])('should retry a GET answered %i', async (status) => {
    msw.server.use(
      tokenEndpoint(),
      http.get(
        `${API}/jobs/:id`,
        inTurn(() => new HttpResponse(null, { status }), job),
      ),
    );
    await expect(makeClient().getJob('job-1')).resolves.toMatchObject({ id: 'job-1' });
    expect(msw.apiRequests()).toHaveLength(2);
  });

  it('should stop after `attempts` tries and throw the last error', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/jobs/:id`, () => basiqError(503, 'service-unavailable')),
    );
    const error = await makeClient({ retry: { ...fastRetry, attempts: 4 } })
      .getJob('job-1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'BasiqApiError',
      status: 503,
      code: 'service-unavailable',
    });
    expect(msw.apiRequests()).toHaveLength(4);
  });

  it.each([400, 403, 404, 501])('should not retry a GET answered %i', async (status) => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/jobs/:id`, () => basiqError(status, 'some-error')),
    );
    await expect(makeClient().getJob('job-1')).rejects.toBeInstanceOf(BasiqApiError);
    expect(msw.apiRequests()).toHaveLength(1);
  });

  it('should never retry a POST, even on 503 or a dropped connection', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.post(`${API}/jobs/:id/mfa`, () => basiqError(503, 'service-unavailable')),
    );
    await expect(makeClient().submitMfa('job-1', ['123456'])).rejects.toMatchObject({
      status: 503,
    });
    msw.server.use(http.post(`${API}/jobs/:id/mfa`, () => HttpResponse.error()));
    await expect(makeClient().submitMfa('job-1', ['123456'])).rejects.toMatchObject({
      name: 'BasiqNetworkError',
      reason: 'network',
    });
    expect(msw.apiRequests()).toHaveLength(2);
  });

  it('should never retry a DELETE', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.delete(`${API}/users/:u/consents/:c`, () => basiqError(500, 'internal-server-error')),
    );
    await expect(makeClient().revokeConsent('user-1', 'c-1')).rejects.toMatchObject({
      status: 500,
    });
    expect(msw.apiRequests()).toHaveLength(1);
  });

  it('should retry a GET after a dropped connection', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(
        `${API}/jobs/:id`,
        inTurn(() => HttpResponse.error(), job),
      ),
    );
    await expect(makeClient().getJob('job-1')).resolves.toMatchObject({ id: 'job-1' });
    expect(msw.apiRequests()).toHaveLength(2);
  });

  it('should time out a slow try with BasiqNetworkError reason timeout', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/jobs/:id`, async () => {
        await delay(500);
        return job();
      }),
    );
    const error = await makeClient({ timeoutMs: 50, retry: { attempts: 2, baseDelayMs: 1 } })
      .getJob('job-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqNetworkError);
    expect(error).toMatchObject({ reason: 'timeout' });
    expect((error as Error).message).toBe(
      'GET /jobs/job-1: timed out; check the connection and try again',
    );
    expect(msw.apiRequests()).toHaveLength(2);
  });

  it('should stop at once, without retrying, when the caller aborts', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/jobs/:id`, async () => {
        await delay(1_000);
        return job();
      }),
    );
    const controller = new AbortController();
    const pending = makeClient().getJob('job-1', { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: 'BasiqNetworkError', reason: 'aborted' });
    expect(msw.apiRequests()).toHaveLength(1);
  });

  it('should stop waiting between tries when the caller aborts', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/jobs/:id`, () =>
        basiqError(429, 'too-many-requests', 'Slow', { 'retry-after': '2' }),
      ),
    );
    const controller = new AbortController();
    const started = performance.now();
    const pending = makeClient().getJob('job-1', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ reason: 'aborted' });
    // Waiting out the Retry-After would take 2 s; the margin is for a loaded machine.
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(msw.apiRequests()).toHaveLength(1);
  });
});

describe('createBasiqClient (bad bodies)', () => {
  const msw = useMswServer();
  const client = () => makeClient({ retry: { attempts: 1 } });

  it.each([
    ['an empty 200', () => new HttpResponse('', { status: 200 }), /empty body/],
    [
      'an HTML 200',
      () => new HttpResponse('<html>proxy</html>', { headers: { 'content-type': 'text/html' } }),
      /not JSON/,
    ],
    [
      'truncated JSON',
      () =>
        new HttpResponse('{"type":"job","id":"j', {
          headers: { 'content-type': 'application/json' },
        }),
      /not JSON/,
    ],
    ['a JSON array', () => HttpResponse.json([1, 2]), /not a JSON object/],
    ['a JSON string', () => HttpResponse.json('job'), /not a JSON object/],
    ['JSON null', () => HttpResponse.json(null), /not a JSON object/],
  ])('should throw BasiqResponseError for %s', async (_name, answer, message) => {
    msw.server.use(tokenEndpoint(), http.get(`${API}/jobs/:id`, answer));
    const error = await client()
      .getJob('job-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqResponseError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/^GET \/jobs\/job-1: 200 with /);
  });

  // The kit checks what a write did by refetching (the job, the consents): calling a 2xx a
  // failure would make the user send the answer again.
  it('should take a 2xx answer to a write as done, whatever its body', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.post(`${API}/jobs/:id/mfa`, () => new HttpResponse('<html>ok</html>', { status: 202 })),
    );
    await expect(client().submitMfa('job-1', ['123456'])).resolves.toEqual({ jobId: 'job-1' });
  });

  it('should throw BasiqResponseError for a list without a data array', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/users/:id/consents`, () => HttpResponse.json({ type: 'list' })),
    );
    await expect(client().getConsents('user-1')).rejects.toBeInstanceOf(BasiqResponseError);
  });

  it('should turn an HTML 502 page into a BasiqApiError with the status', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(
        `${API}/jobs/:id`,
        () =>
          new HttpResponse('<html><body>Bad Gateway</body></html>', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    const error = await client()
      .getJob('job-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error).toMatchObject({ status: 502, code: undefined, errors: [] });
    expect((error as Error).message).toBe('GET /jobs/job-1: 502 Bad Gateway');
  });

  it('should read Basiq error envelopes, `details` included, into a one-line message', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/jobs/:id`, () =>
        HttpResponse.json(
          {
            type: 'list',
            correlationId: 'ac5ah5i',
            data: [
              { type: 'error', code: 'resource-not-found', title: 'Not found', details: 'No job' },
            ],
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client()
      .getJob('j-1')
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'GET /jobs/j-1: 404 resource-not-found (correlationId ac5ah5i)',
    );
    expect(error).toMatchObject({
      status: 404,
      code: 'resource-not-found',
      correlationId: 'ac5ah5i',
      method: 'GET',
      path: '/jobs/j-1',
      errors: [{ code: 'resource-not-found', title: 'Not found', detail: 'No job' }],
    });
  });
});
