// Several app server instances sharing one Redis, as separate Node processes running the built
// kit (`npm run build` first): four copies of instance.mjs (two with node-redis, two with
// ioredis), one redis-server and the mock Basiq over HTTP, all on loopback. Counts the mock's
// `POST /token` requests: one per user however many instances ask, none after a restart, and
// answers (by minting) while Redis is down. The tests run in order and share these processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as TestingEntry from '../../src/testing/index.js';
import { startRedisServer, type TestRedisServer } from './redisServer';

type Testing = typeof TestingEntry;
type MockServer = Awaited<ReturnType<Testing['startMockBasiqServer']>>;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const INSTANCE = resolve(ROOT, 'test/redis/instance.mjs');
const COLD_USER = 'user-cold';
const USERS = Array.from({ length: 20 }, (_, i) => `user-${String(i).padStart(2, '0')}`);

interface Instance {
  index: number;
  url: string;
  process: ChildProcess;
  /** What it wrote to stderr: the handler's one-line warnings. */
  stderr: string[];
}

interface Answer {
  status: number;
  token?: string;
}

let redis: TestRedisServer | undefined;
let mock: MockServer | undefined;
const instances: Instance[] = [];
/** Prints a measurement (counts and times) into the test output. */
const note = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts instance.mjs and resolves once it serves (about a second). */
function startInstance(index: number): Promise<Instance> {
  const child = spawn(process.execPath, [INSTANCE], {
    cwd: ROOT,
    env: {
      ...process.env,
      BASIQ_URL: mock!.url,
      REDIS_URL: redis!.url,
      REDIS_CLIENT: index % 2 === 0 ? 'node-redis' : 'ioredis',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(...chunk.toString().split('\n')));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`instance ${index} did not start in 20 s:\n${stderr.join('\n')}`));
    }, 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^(\{.*\})$/m.exec(stdout);
      if (!line) return;
      clearTimeout(timer);
      const { port } = JSON.parse(line[1]!) as { port: number };
      resolve({ index, url: `http://127.0.0.1:${port}`, process: child, stderr });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`instance ${index} exited (${code ?? signal}):\n${stderr.join('\n')}`));
    });
  });
}

async function stopInstance(instance: Instance) {
  const child = instance.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin!.end();
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

/** Asks `instance` for `userId`'s token. */
async function ask(instance: Instance, userId: string): Promise<Answer> {
  const response = await fetch(`${instance.url}/token`, {
    method: 'POST',
    headers: { 'x-user-id': userId },
  });
  const body = (await response.json()) as { access_token?: string };
  return { status: response.status, token: body.access_token };
}

/** `count` requests for each user, spread round-robin over the instances, all at once. */
async function askAll(userIds: string[], count: number) {
  const jobs = userIds.flatMap((userId, u) =>
    Array.from({ length: count }, (_, i) => {
      const instance = instances[(u + i) % instances.length]!;
      return ask(instance, userId).then((answer) => ({ userId, ...answer }));
    }),
  );
  return Promise.all(jobs);
}

const mints = () =>
  mock!.control.requests().filter(({ method, path }) => method === 'POST' && path === '/token')
    .length;

/** Runs `round`, and says how many tokens it minted and how long it took. */
async function measure<T>(label: string, round: () => Promise<T>) {
  const before = mints();
  const started = performance.now();
  const result = await round();
  const ms = Math.round(performance.now() - started);
  const minted = mints() - before;
  note(`multi-process: ${label}: ${minted} POST /token in ${ms} ms`);
  return { result, minted, ms };
}

/** Waits until every instance's Redis client says it is (or is not) connected. */
async function redisConnected(expected: boolean, ms = 20_000) {
  const started = Date.now();
  for (;;) {
    const states = await Promise.all(
      instances.map(async (instance) => {
        const response = await fetch(`${instance.url}/health`);
        return ((await response.json()) as { redis: boolean }).redis;
      }),
    );
    if (states.every((state) => state === expected)) return Date.now() - started;
    if (Date.now() - started > ms) {
      throw new Error(`Redis clients connected ${JSON.stringify(states)} after ${ms} ms`);
    }
    await sleep(100);
  }
}

/** One token per user in these answers, all 200: the same token from every instance. */
function tokensByUser(answers: (Answer & { userId: string })[]) {
  expect(answers.filter(({ status }) => status !== 200)).toEqual([]);
  const tokens = new Map<string, Set<string>>();
  for (const { userId, token } of answers) {
    tokens.set(userId, (tokens.get(userId) ?? new Set()).add(token!));
  }
  return tokens;
}

beforeAll(async () => {
  if (
    !existsSync(resolve(ROOT, 'dist/server.js')) ||
    !existsSync(resolve(ROOT, 'dist/testing.js'))
  ) {
    throw new Error('dist/ is missing: run `npm run build` before `npm run test:redis`');
  }
  const testing = pathToFileURL(resolve(ROOT, 'dist/testing.js')).href;
  const { startMockBasiqServer } = (await import(/* @vite-ignore */ testing)) as Testing;
  [redis, mock] = await Promise.all([
    startRedisServer(),
    startMockBasiqServer({ port: 0, users: [COLD_USER, ...USERS] }),
  ]);
  instances.push(...(await Promise.all([0, 1, 2, 3].map(startInstance))));
});

afterAll(async () => {
  await Promise.allSettled(instances.map(stopInstance));
  await Promise.allSettled([mock?.close(), redis?.stop()]);
});

describe('createRedisTokenCache across 4 processes', () => {
  it('should mint once for 200 concurrent requests of a cold user spread over 4 processes', async () => {
    const { result, minted } = await measure('200 requests, 1 cold user, 4 processes', () =>
      askAll([COLD_USER], 200),
    );

    expect(result).toHaveLength(200);
    expect(tokensByUser(result).get(COLD_USER)?.size).toBe(1);
    expect(minted).toBe(1);
  });

  it('should mint once per user for 20 users asked on every process at once', async () => {
    const { result, minted } = await measure('200 requests, 20 cold users, 4 processes', () =>
      askAll(USERS, 10),
    );

    const tokens = tokensByUser(result);
    expect([...tokens.values()].map((set) => set.size)).toEqual(USERS.map(() => 1));
    expect(minted).toBe(USERS.length);
  });

  it('should serve the stored tokens from a restarted process, minting none', async () => {
    const before = await askAll([COLD_USER, ...USERS], 1);
    const old = instances[0]!;
    await stopInstance(old);
    const started = performance.now();
    instances[0] = await startInstance(0);
    note(`multi-process: instance restarted in ${Math.round(performance.now() - started)} ms`);

    const { result, minted } = await measure('21 users on the restarted process', () =>
      Promise.all(
        [COLD_USER, ...USERS].map(async (userId) => ({
          userId,
          ...(await ask(instances[0]!, userId)),
        })),
      ),
    );

    expect(minted).toBe(0);
    expect(tokensByUser(result)).toEqual(tokensByUser(before));
  });

  it('should answer 200 by minting while Redis stops and stays down, warning once per process', async () => {
    // Redis hangs with requests waiting on it, then dies: every one still answers.
    redis!.pause();
    const { result: during, minted: mintedDuring } = await measure(
      'Redis dying under 84 requests',
      async () => {
        const answers = askAll([COLD_USER, ...USERS], 4);
        await sleep(200);
        await redis!.stop({ crash: true });
        return answers;
      },
    );
    expect(during.map(({ status }) => status)).toEqual(during.map(() => 200));
    expect(mintedDuring).toBeLessThanOrEqual(during.length);
    const noticedIn = await redisConnected(false);
    note(`multi-process: every client saw Redis down within ${noticedIn} ms`);

    // Down: nothing is shared, so each process mints for each user it is asked about.
    const { result, minted } = await measure('Redis down, 20 users on each of 4 processes', () =>
      askAll(USERS, 4),
    );

    expect(result.map(({ status }) => status)).toEqual(result.map(() => 200));
    expect(minted).toBe(USERS.length * instances.length);
    for (const instance of instances) {
      const warnings = instance.stderr.filter((line) => line.startsWith('basiq-react/server:'));
      expect(warnings, `instance ${instance.index}`).toHaveLength(1);
      expect(warnings[0]).toMatch(/^basiq-react\/server: Error: Redis token cache: /);
      expect(warnings[0]).not.toMatch(/eyJ/); // no token (a JWT) in the log
    }
  });

  it('should share again, one mint per user, once Redis is back on the same port', async () => {
    await redis!.start();
    const reconnectedIn = await redisConnected(true);
    note(`multi-process: every client reconnected ${reconnectedIn} ms after the start`);

    const { result, minted } = await measure('Redis back (empty), 20 users, 4 processes', () =>
      askAll(USERS, 10),
    );

    const tokens = tokensByUser(result);
    expect([...tokens.values()].map((set) => set.size)).toEqual(USERS.map(() => 1));
    expect(minted).toBe(USERS.length);
  });
});
