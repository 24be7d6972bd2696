// One app server instance for test/redis/multiProcess.redis.test.ts, as a user would write it:
// the built kit imported by package name, createTokenHandler with createRedisTokenCache over the
// instance's own Redis client, served with node:http on a free loopback port.
//   env BASIQ_URL     the mock Basiq the parent runs
//   env REDIS_URL     redis://127.0.0.1:<port>
//   env REDIS_CLIENT  'node-redis' (default) or 'ioredis'
// Prints `{"port":N}` once it serves and Redis is connected. Routes: `/token` (the handler; the
// user id comes in `x-user-id`) and `/health` (`{"redis":true}` while its client is connected).
// Exits when its standard input closes, so it never outlives the test.
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { createRedisTokenCache, createTokenHandler } from 'basiq-react/server';

const { BASIQ_URL, REDIS_URL, REDIS_CLIENT = 'node-redis' } = process.env;
if (!BASIQ_URL || !REDIS_URL) throw new Error('instance.mjs needs BASIQ_URL and REDIS_URL');

let redis;
let connected;
if (REDIS_CLIENT === 'ioredis') {
  redis = new Redis(REDIS_URL);
  redis.on('error', () => {});
  await new Promise((resolve) => redis.once('ready', resolve));
  connected = () => redis.status === 'ready';
} else {
  redis = createClient({ url: REDIS_URL });
  // Without an error listener node-redis crashes the process when Redis goes away.
  redis.on('error', () => {});
  await redis.connect();
  connected = () => redis.isReady;
}

const handler = createTokenHandler({
  apiKey: 'test-api-key',
  baseUrl: BASIQ_URL,
  getUserId: (request) => request.headers.get('x-user-id'),
  cache: createRedisTokenCache(redis),
});

const server = createServer(async (req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ redis: connected() }));
    return;
  }
  const userId = req.headers['x-user-id'];
  const response = await handler(
    new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: typeof userId === 'string' ? { 'x-user-id': userId } : {},
    }),
  );
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(await response.text());
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
