// Min+gzip bytes of each entry, measured by size-limit's own code (@size-limit/preset-small-lib:
// esbuild bundle + minify, gzip level 9, less the empty-bundle overhead) so they match
// `npx size-limit`. Peers stay external, as size-limit keeps every peerDependency out; ofetch,
// a dependency, is counted in; `process.env.NODE_ENV` is "production", as in an app's build.
import sizeLimit from 'size-limit';
import { production } from '../../.size-limit.mjs';
import smallLib from '@size-limit/preset-small-lib';
import { resolve } from 'node:path';

const PEERS = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', 'msw'];

const check = (path, imports, ignore = []) => {
  const file = resolve(path);
  return {
    files: [file],
    ...(imports && { import: { [file]: imports } }),
    ignore: [...PEERS, ...ignore],
    gzip: true,
    modifyEsbuildConfig: production,
  };
};

const CHECKS = {
  main: check('dist/index.js', '*'),
  client: check('dist/index.js', '{ createBasiqClient, normalizeJob }'),
  hooks: check('dist/index.js', '{ useJob, BasiqProvider }'),
  // What the README's quick start ships: the whole connect flow (button, progress, MFA form).
  quickStart: check(
    'dist/index.js',
    '{ BasiqProvider, ConnectButton, ConnectionStatus, useConsentRedirect }',
  ),
  testing: check('dist/testing.js', '*', ['node:*']),
  css: check('dist/styles.css'),
  ofetchBaseline: check('bench/ofetchBaseline.ts', '*'),
};

/** `{ main, client, hooks, quickStart, testing, css, ofetchBaseline }` in bytes. */
export async function bundleSizes() {
  const names = Object.keys(CHECKS);
  const results = await sizeLimit(smallLib, { checks: Object.values(CHECKS) });
  return Object.fromEntries(names.map((name, i) => [name, results[i].size]));
}
