// End-to-end tests (`npm run test:e2e`, after `npm run build`): they start the demo
// (scripts/demo.mjs) over real HTTP and drive it in Chromium with Playwright. Kept apart
// from vite.config.ts so `vitest run` (test:unit, before the build) never picks them up.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
