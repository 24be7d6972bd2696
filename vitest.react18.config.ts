// The jsdom and browser projects of vite.config.ts, run against React 18.3 (the lower end of the
// peer range) instead of the React 19 of the lockfile. `node scripts/test-react18.mjs` installs
// React 18 into node_modules/.cache/basiq-react18 and runs this config; see
// docs/decisions/0024-react-18-tested-in-a-throwaway-install.md.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import type { InlineConfig } from 'vitest/node';
import base from './vite.config.js';

// scripts/test-react18.mjs installs into the same folder.
const folder = fileURLToPath(new URL('./node_modules/.cache/basiq-react18/', import.meta.url));
if (!existsSync(`${folder}node_modules/react-dom/package.json`)) {
  throw new Error('React 18 is not installed: run `node scripts/test-react18.mjs`.');
}

// Every import of React, from the kit, the tests and the dependencies Vite transforms, goes to
// the one React 18: `react/jsx-dev-runtime`, `react-dom/client`, `react-dom/server`, … are files
// of the same names in the packages.
const alias = [{ find: /^(react|react-dom)(\/.*)?$/, replacement: `${folder}node_modules/$1$2` }];

const { projects = [], ...shared } = base.test ?? {};
const project = (name: string) => {
  const found = (projects as TestProjectInlineConfiguration[]).find(
    (candidate) => candidate.test?.name === name,
  );
  if (!found?.test) throw new Error(`vite.config.ts has no project named ${name}`);
  return { ...found, test: found.test };
};

/** A project of vite.config.ts, renamed `<name>-react18`, that checks it got React 18 first. */
const react18 = (
  name: string,
  extra: Pick<TestProjectInlineConfiguration, 'resolve' | 'plugins'> &
    Pick<InlineConfig, 'server'> = {},
): TestProjectInlineConfiguration => {
  const { test, ...rest } = project(name);
  const setupFiles = test.setupFiles ?? [];
  return {
    ...rest,
    resolve: extra.resolve,
    plugins: [...(rest.plugins ?? []), ...(extra.plugins ?? [])],
    test: {
      ...test,
      name: `${name}-react18`,
      setupFiles: ['test/setup/react18.ts', ...[setupFiles].flat()],
      server: extra.server,
    },
  };
};

const jsdom = react18('jsdom', {
  // Testing Library's `main` is CommonJS, whose `require('react')` Node answers (React 19) even
  // when Vite loads the file; its ES module build imports React through the alias.
  resolve: {
    alias: [
      {
        find: /^@testing-library\/react$/,
        replacement: fileURLToPath(
          new URL(
            './node_modules/@testing-library/react/dist/@testing-library/react.esm.js',
            import.meta.url,
          ),
        ),
      },
    ],
  },
  // Dependencies that import React themselves: in Node, Vite must load them (not Node) for their
  // `react` to go through the alias. In Chromium, pre-bundling applies the alias already.
  server: { deps: { inline: ['@testing-library/react', '@tanstack/react-query'] } },
});

export default defineConfig({
  plugins: base.plugins,
  resolve: { alias },
  // Apart from the React 19 run's, so neither reuses the other's pre-bundled React.
  cacheDir: `${folder}vite`,
  test: {
    ...shared,
    projects: [
      jsdom,
      react18('browser'),
      react18('storybook', {
        // Not `extends: true` in vite.config.ts (it has its own plugins): the alias goes here.
        resolve: { alias },
        // Storybook's plugin picks the same cache folder for every run of the project: the React
        // 19 and 18 runs would rebuild each other's pre-bundled React, and break running together.
        plugins: [
          {
            name: 'basiq-react18-storybook-cache',
            config: { order: 'post', handler: () => ({ cacheDir: `${folder}storybook` }) },
          },
        ],
      }),
    ],
  },
});
