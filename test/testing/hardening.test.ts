// Requests meant to break the mock, sent through MSW: each is refused in Basiq's envelope, fast,
// and the mock still serves the next ordinary request.
import { describe, expect, it } from 'vitest';
import type { BasiqMockControl } from '../../src/testing';
import { validateResponse } from '../contract/openapi';
import { BASE, call, firstError, setupMockBasiq } from '../support/mockBasiq';

const { mockBasiq } = setupMockBasiq();

const MiB = 1024 * 1024;

/** `send()`'s response and how long it took, in ms. */
async function timed(send: () => Promise<Response>) {
  const start = performance.now();
  const response = await send();
  await response.clone().arrayBuffer();
  return { response, ms: performance.now() - start };
}

/** A mock with user u1 and a SERVER_ACCESS token. */
function setup() {
  const control = mockBasiq();
  control.createUser({ id: 'u1', email: 'ann@example.com', mobile: '+61400000001' });
  return { control, token: control.serverToken() };
}

/** An ordinary request still gets its ordinary answer. */
async function expectStillServing(control: BasiqMockControl, token: string) {
  const response = await call('/users/u1', { token });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ type: 'user', id: 'u1' });
  expect(control.requests().at(-1)).toMatchObject({ path: '/users/u1', status: 200 });
}

const filterOf = (filter: string) => `/events?filter=${encodeURIComponent(filter)}`;

/** A POST of `body` exactly as given (`call` would JSON-encode it). */
const postRaw = (path: string, token: string, body: BodyInit) =>
  fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
    // Needed by Node's fetch for a stream body; ignored for the others.
    duplex: 'half',
  } as RequestInit);

describe('createBasiqMock', () => {
  it('should answer a malformed percent-encoding with a 400 envelope on every route', async () => {
    const { control, token } = setup();
    const paths = [
      ['GET', '/users/%ZZ'],
      ['POST', '/users/%ZZ'],
      ['GET', '/users/u1/jobs%'],
      ['DELETE', '/users/u1/consents/%E0%A4%A'],
      ['GET', '/jobs/%C3%28'],
      ['GET', '/events/types/%'],
      ['POST', '/token%ZZ'],
      ['GET', '/no/such/%ZZ/path'],
    ] as const;
    for (const [method, path] of paths) {
      const { response } = await timed(() => call(path, { method, token }));
      expect(response.status, `${method} ${path}`).toBe(400);
      expect(await firstError(response)).toMatchObject({ code: 'parameter-not-valid' });
    }
    expect(control.requests().map((r) => r.status)).toEqual(paths.map(() => 400));
    // core.yml documents 400 for these operations, in this envelope.
    for (const [path, operation] of [
      ['/users/%ZZ', '/users/{userId}'],
      ['/jobs/%ZZ', '/jobs/{jobId}'],
    ]) {
      const body: unknown = await (await call(path!, { token })).json();
      expect(validateResponse({ method: 'GET', path: operation!, status: 400, body })).toEqual([]);
    }
    await expectStillServing(control, token);
  });

  it('should refuse methods that are not REST with a 405 envelope and an Allow header', async () => {
    const { control, token } = setup();
    for (const method of ['OPTIONS', 'PROPFIND', 'M-SEARCH']) {
      const response = await call('/users/u1', { method, token });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, POST, DELETE');
      expect(await firstError(response)).toMatchObject({ code: 'method-not-allowed' });
    }
    const auth = await call('/users/u1/auth_link', { method: 'PROPFIND', token });
    expect(auth.headers.get('allow')).toBe('POST, GET, DELETE');
    const nowhere = await call('/nowhere', { method: 'OPTIONS', token });
    expect(nowhere.status).toBe(405);
    expect(nowhere.headers.get('allow')).toBe('');
    await expectStillServing(control, token);
  });

  it('should answer a filter with thousands of spaces with 400 in linear time', async () => {
    const { control, token } = setup();
    // `+` is a space too: 15,000 of them fit the 16 KiB URL and reach the filter parser.
    const plus = `/events?filter=user.id.eq(${'+'.repeat(15_000)}`;
    for (const path of [filterOf(`user.id.eq(${' '.repeat(3_000)}`), plus]) {
      const { response, ms } = await timed(() => call(path, { token }));
      expect(response.status).toBe(400);
      expect((await firstError(response)).source).toEqual({ parameter: 'filter' });
      // A backtracking pattern took 5.8 s on 3,000 spaces; the parser takes milliseconds.
      expect(ms).toBeLessThan(100);
    }
    await expectStillServing(control, token);
  });

  it('should answer a 100 kB filter with 400 well within 100 ms, before parsing it', async () => {
    const { control, token } = setup();
    for (const spaces of [14_000, 100_000]) {
      const path = filterOf(`user.id.eq(${' '.repeat(spaces)}`);
      const { response, ms } = await timed(() => call(path, { token }));
      expect(response.status, `${spaces} spaces`).toBe(400);
      if (spaces === 100_000) expect(ms).toBeLessThan(100);
      const body: unknown = await response.clone().json();
      expect(await firstError(response)).toMatchObject({ code: 'parameter-not-valid' });
      expect(validateResponse({ method: 'GET', path: '/events', status: 400, body })).toEqual([]);
    }
    expect(control.requests().map((r) => r.status)).toEqual([400, 400]);
    await expectStillServing(control, token);
  });

  it('should serve another request alongside a 100 kB filter without delay', async () => {
    const { control, token } = setup();
    control.createJob({ userId: 'u1' });
    const slow = timed(() => call(filterOf(`event.type.eq( ${' '.repeat(100_000)}`), { token }));
    const ordinary = timed(() => call(filterOf("user.id.eq('u1')"), { token }));
    const [refused, served] = await Promise.all([slow, ordinary]);
    expect(refused.response.status).toBe(400);
    expect(served.response.status).toBe(200);
    expect(((await served.response.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    expect(served.ms).toBeLessThan(100);
  });

  it('should still parse the filters it understands, with or without quotes and spaces', async () => {
    const { control, token } = setup();
    control.createJob({ userId: 'u1' });
    control.createJob({ userId: 'u2' });
    const users = async (filter: string) => {
      const response = await call(filterOf(filter), { token });
      expect(response.status, filter).toBe(200);
      const { data } = (await response.json()) as { data: Array<{ userId: string }> };
      return new Set(data.map((event) => event.userId));
    };
    expect(await users("user.id.eq('u1')")).toEqual(new Set(['u1']));
    expect(await users(" user.id.eq( 'u2' ) , event.entity.eq(connection) ")).toEqual(
      new Set(['u2']),
    );
    for (const filter of ["user.id.eq('u1)", "user.id.eq(')", "user.id.eq('a'b')", 'user.id.eq(']) {
      expect((await call(filterOf(filter), { token })).status, filter).toBe(400);
    }
  });

  it('should answer a 10 MB body with a 413 envelope and read no more than the limit', async () => {
    const { control, token } = setup();
    const big = `{"email":"a@b.c","pad":"${'x'.repeat(10 * MiB)}"}`;
    const { response } = await timed(() => postRaw('/users', token, big));
    expect(response.status).toBe(413);
    expect(await firstError(response)).toMatchObject({ code: 'payload-too-large' });

    // A streamed body (no content-length): the mock stops pulling once past the limit.
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = await postRaw('/users/u1', token, endless);
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(2 * MiB);
    expect(control.requests().map((r) => r.status)).toEqual([413, 413]);
    await expectStillServing(control, token);
  });

  it('should take a body of exactly 1 MiB and refuse one byte more', async () => {
    const { control, token } = setup();
    const padded = (size: number) => {
      const head = '{"firstName":"Ann","middleName":"';
      return `${head}${'x'.repeat(size - head.length - 2)}"}`;
    };
    const atLimit = await postRaw('/users/u1', token, padded(MiB));
    expect(atLimit.status).toBe(200);
    const over = await postRaw('/users/u1', token, padded(MiB + 1));
    expect(over.status).toBe(413);
    await expectStillServing(control, token);
  });
});
