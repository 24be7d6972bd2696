// Redis tests (`npm run test:redis`, after `npm run build`): `*.redis.test.ts` files start their
// own redis-server on a free loopback port (scripts/ensure-redis.mjs finds or installs it).
// test/redis/multiProcess.redis.test.ts runs the built kit in separate Node processes. Kept
// apart from vite.config.ts so `vitest run` (test:unit, before the build) never picks them up.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'redis',
    environment: 'node',
    include: ['test/**/*.redis.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
