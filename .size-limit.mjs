// `npm run size` (part of `npm test`): min+gzip of each import as an app's production build
// ships it (peers external, ofetch counted in, `process.env.NODE_ENV` = "production"). Each
// `limit` is a guard just above today's size, so nothing grows unnoticed; the budgets, which
// `npm run bench` compares against, are in scripts/bench/budgets.mjs.

/** size-limit's esbuild step, told what an app's production build defines. */
export const production = (config) => ({
  ...config,
  define: { ...config.define, 'process.env.NODE_ENV': '"production"' },
});

const PEERS = ['react', 'react-dom', '@tanstack/react-query'];

const main = (name, imports, limit) => ({
  name,
  path: 'dist/index.js',
  import: imports,
  ignore: PEERS,
  limit,
  gzip: true,
  modifyEsbuildConfig: production,
});

export default [
  main("import * from 'basiq-react' (a guard, not a budget)", '*', '24.9 kB'),
  main(
    'import { createBasiqClient, normalizeJob }',
    '{ createBasiqClient, normalizeJob }',
    '9.1 kB',
  ),
  main('import { useJob, BasiqProvider }', '{ useJob, BasiqProvider }', '12.5 kB'),
  main(
    "the quick start's connect flow",
    '{ BasiqProvider, ConnectButton, ConnectionStatus, useConsentRedirect }',
    '20.2 kB',
  ),
  {
    name: "import * from 'basiq-react/testing' (mock Basiq; msw external, test-only)",
    path: 'dist/testing.js',
    import: '*',
    ignore: ['msw', 'node:http'],
    limit: '13.2 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: 'ofetch alone (for scale)',
    path: 'node_modules/ofetch/dist/index.mjs',
    import: '{ ofetch }',
    limit: '5 kB',
    gzip: true,
  },
  { name: 'basiq-react/styles.css', path: 'dist/styles.css', limit: '3 kB', gzip: true },
];
