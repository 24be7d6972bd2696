// Requests meant to break the mock Basiq over real HTTP on loopback (Node's fetch and raw
// sockets): each is refused fast, and the server still serves the next ordinary request.
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockBasiqServer, type MockBasiqServer } from '../../src/testing';

const MiB = 1024 * 1024;

/**
 * Sends raw bytes and resolves with the answer: everything until the server closes, or, with
 * `keepOpen`, the head and as much body as its content-length announces (without hanging up).
 */
const rawHttp = (url: string, bytes: string, { keepOpen = false } = {}) =>
  new Promise<string>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () =>
      keepOpen ? socket.write(bytes) : socket.end(bytes),
    );
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      const [head = '', body] = answer.split('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(head)?.[1];
      if (keepOpen && body !== undefined && Buffer.byteLength(body) >= Number(length)) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });

/** The status, headers and JSON body of a raw HTTP answer. */
function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Headers(
    lines.map((line) => line.split(/: ?(.*)/).slice(0, 2) as [string, string]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) as unknown };
}

/** `send()`'s answer and how long it took, in ms. */
async function timed<T>(send: () => Promise<T>) {
  const start = performance.now();
  const answer = await send();
  return { answer, ms: performance.now() - start };
}

const envelope = (code: string) => ({
  type: 'list',
  correlationId: expect.any(String),
  data: [{ type: 'error', code }],
});

describe('startMockBasiqServer', () => {
  let server: MockBasiqServer;
  let auth: string;
  beforeAll(async () => {
    server = await startMockBasiqServer({ clock: 'manual' });
  });
  beforeEach(() => {
    server.control.reset();
    server.control.createUser({ id: 'u1', mobile: '+61400000001' });
    auth = `Bearer ${server.control.serverToken()}`;
  });
  afterAll(() => server.close());

  const get = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: auth } });

  /** An ordinary request still gets its ordinary answer. */
  async function expectStillServing() {
    const response = await get('/users/u1');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ type: 'user', id: 'u1' });
  }

  it('should answer a malformed percent-encoding with a 400 envelope, not a 500', async () => {
    for (const path of ['/users/%ZZ', '/users/u1/jobs%', '/jobs/%C3%28', '/no/such/%ZZ']) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject(envelope('parameter-not-valid'));
    }
    await expectStillServing();
  });

  it('should refuse TRACE and CONNECT with a 405 envelope naming the allowed methods', async () => {
    // Node's own parser answers methods it does not know (TRACK, BREW) with a bare 400.
    const trace = parse(
      await rawHttp(server.url, 'TRACE /users/u1 HTTP/1.1\r\nHost: mock\r\n\r\n'),
    );
    expect(trace.status).toBe(405);
    expect(trace.headers.get('allow')).toBe('GET, POST, DELETE');
    expect(trace.body).toMatchObject(envelope('method-not-allowed'));
    const tunnel = parse(
      await rawHttp(server.url, 'CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n'),
    );
    expect(tunnel.status).toBe(405);
    expect(tunnel.body).toMatchObject(envelope('method-not-allowed'));
    expect(server.control.requests().map((r) => `${r.method} ${r.status}`)).toEqual([
      'TRACE 405',
      'CONNECT 405',
    ]);
    await expectStillServing();
  });

  it('should answer a filter of 3,000 spaces with 400 at once, and a 100 kB one with 431', async () => {
    const filter = (spaces: number) =>
      `/events?filter=${encodeURIComponent(`user.id.eq(${' '.repeat(spaces)}`)}`;
    const refused = await get(filter(3_000));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject(envelope('parameter-not-valid'));
    // Node's parser refuses a request line over 16 kB before the mock sees it.
    const { answer: tooLong, ms } = await timed(() => get(filter(100_000)));
    expect(tooLong.status).toBe(431);
    // "At once" means no wait for a timeout: a hang would last until Node's 60 s headers timeout.
    expect(ms).toBeLessThan(5_000);
    await expectStillServing();
  });

  it('should answer a 10 MB body with a 413 envelope, with or without a content-length', async () => {
    const big = `{"email":"a@b.c","pad":"${'x'.repeat(10 * MiB)}"}`;
    const post = (body: BodyInit) =>
      fetch(`${server.url}/users`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject(envelope('payload-too-large'));
    const chunked = await post(new Blob([big]).stream());
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject(envelope('payload-too-large'));
    await expectStillServing();
  });

  it('should answer 413 from the content-length alone, before the body arrives', async () => {
    const head = `POST /users HTTP/1.1\r\nHost: mock\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: ${50 * MiB}\r\n\r\n{"email":`;
    const answer = parse(await rawHttp(server.url, head, { keepOpen: true }));
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject(envelope('payload-too-large'));
    await expectStillServing();
  });

  it('should refuse a body that is not an object with a 400 pointing at /', async () => {
    for (const body of ['12345', 'null', '{"mobile":42}']) {
      const response = await fetch(`${server.url}/users/u1`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body,
      });
      expect(response.status, body).toBe(400);
      expect(await response.json()).toMatchObject({
        data: [
          {
            code: 'parameter-not-valid',
            source: { pointer: body === '{"mobile":42}' ? '/mobile' : '/' },
          },
        ],
      });
    }
    await expectStillServing();
  });

  it('should send a content-length that matches the malformed body of malformNext', async () => {
    for (const kind of ['truncated', 'empty', 'html'] as const) {
      server.control.malformNext(kind);
      const response = await get('/users/u1');
      expect(response.status, kind).toBe(200);
      const body = await response.arrayBuffer();
      expect(response.headers.get('content-length'), kind).toBe(String(body.byteLength));
      if (kind === 'truncated') expect(() => JSON.parse(new TextDecoder().decode(body))).toThrow();
    }
    await expectStillServing();
  });
});
