/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

const external = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@tanstack/react-query',
  // A dependency, not bundled: an app that uses ofetch too gets one copy.
  'ofetch',
  'msw',
  /^msw\//,
  /^node:/,
];

// Bundled up front in the browser projects: a dependency found mid-run reloads the page and
// fails the file.
const browserDeps = [
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  '@tanstack/react-query',
  'ofetch',
  'msw',
];

// Each browser project needs its own `browser` object: a shared one fails with
// "Cannot define a nested project".
const chromium = ({ forcedColors }: { forcedColors?: 'active' } = {}) => ({
  enabled: true,
  headless: true,
  provider: playwright({
    launchOptions: { executablePath: findChromium(), args: chromiumArgs },
    // Components copy auth links to the clipboard.
    contextOptions: { permissions: ['clipboard-read', 'clipboard-write'], forcedColors },
  }),
  instances: [{ browser: 'chromium' as const }],
});

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    minify: false,
    sourcemap: true,
    emptyOutDir: true,
    lib: {
      entry: {
        index: 'src/index.ts',
        server: 'src/server/index.ts',
        'server.browser': 'src/server/browser.ts',
        testing: 'src/testing/index.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external,
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        // The main entry holds hooks and components: React Server Components must treat it
        // as client code. Bundling drops the per-module directives, so the entry gets one.
        banner: (chunk) => (chunk.name === 'index' ? "'use client';" : ''),
      },
    },
  },
  test: {
    restoreMocks: true,
    // A loaded CI machine can take several seconds over the heaviest tests (20 watchers under
    // StrictMode through 17 s of fake time), and a test that times out keeps running and spoils
    // the next ones' act() scopes. What a test waits for has its own short limit (waitFor: 1 s).
    testTimeout: 15_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          // `*.redis.test.ts` need a redis-server (and the build): `npm run test:redis` runs them.
          exclude: [
            'test/**/*.browser.test.ts',
            'test/**/*.dom.test.ts',
            'test/**/*.redis.test.ts',
          ],
          // `*.test-d.ts` files pin the public types (checked by tsc, not run).
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'tsconfig.json' },
        },
      },
      {
        extends: true,
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          setupFiles: ['test/setup/cleanup.ts'],
          include: ['test/**/*.dom.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/**/*.browser.test.tsx'],
        },
      },
      {
        extends: true,
        optimizeDeps: {
          include: [...browserDeps, '@testing-library/react', 'axe-core'],
        },
        test: {
          name: 'browser',
          setupFiles: ['test/setup/cleanup.ts', 'test/setup/styles.ts'],
          include: ['test/**/*.browser.test.{ts,tsx}'],
          browser: chromium(),
        },
      },
      // Every story, with its play function and an axe check, as a test in Chromium. Only under
      // Vitest: Storybook itself loads this file too, and must not load itself again.
      ...(process.env.VITEST
        ? [
            {
              plugins: [storybookTest({ configDir: '.storybook' })],
              optimizeDeps: { include: browserDeps },
              test: {
                name: 'storybook',
                testTimeout: 20_000,
                browser: chromium(),
              },
            },
            // The same stories under forced colors (Windows High Contrast): play functions and
            // axe must pass when the system paints its own colours.
            {
              plugins: [storybookTest({ configDir: '.storybook' })],
              optimizeDeps: { include: browserDeps },
              test: {
                name: 'storybook-forced-colors',
                testTimeout: 20_000,
                browser: chromium({ forcedColors: 'active' }),
              },
            },
          ]
        : []),
    ],
  },
});
