// The budgets, each with how the table states it and whether a result meets it. Bundle budgets
// are per import (an app pays for what it imports; everything tree-shakes) and are read from
// .size-limit.json, so `npm run size` and the bench hold the same numbers;
// docs/decisions/0011-bundle-budgets-per-import.md says why.
import { readFileSync } from 'node:fs';

const n = (value) => value?.toLocaleString('en-US');

const SIZE_LIMIT = JSON.parse(readFileSync(new URL('../../.size-limit.json', import.meta.url)));

/** size-limit's limit in bytes for an import of a file ("16.6 kB" is 16 600 bytes). */
function limitOf(path, imports) {
  const entry = SIZE_LIMIT.find((check) => check.path === path && check.import === imports);
  const match = /^([\d.]+) kB$/.exec(entry?.limit ?? '');
  if (!match) throw new Error(`.size-limit.json has no kB limit for ${imports} of ${path}`);
  return Math.round(Number(match[1]) * 1000);
}

const bundle = (key, path, imports, kind = '') => {
  const limit = limitOf(path, imports);
  return { text: () => `≤ ${n(limit)} B${kind}`, met: (r) => r.bundle[key] <= limit };
};

export const BUDGETS = {
  main: bundle('main', 'dist/index.js', '*', ' (guard)'),
  client: bundle('client', 'dist/index.js', '{ createBasiqClient, normalizeJob }'),
  hooks: bundle('hooks', 'dist/index.js', '{ useJob, BasiqProvider }'),
  quickStart: bundle(
    'quickStart',
    'dist/index.js',
    '{ BasiqProvider, ConnectButton, ConnectionStatus, useConsentRedirect }',
  ),
  testing: bundle('testing', 'dist/testing.js', '*'),
  kitRequests: {
    text: (r) => `≤ 0.6 × fixed loop (${n(0.6 * r.polling.fixedLoopRequests)})`,
    met: (r) => r.polling.kitRequests <= 0.6 * r.polling.fixedLoopRequests,
  },
  kitMfaLag: {
    text: (r) => `≤ fixed loop (${n(r.polling.fixedLoopMfaLagMs)} ms)`,
    met: (r) => r.polling.kitMfaLagMs <= r.polling.fixedLoopMfaLagMs,
  },
  requestsAfterTerminal: { text: () => '= 0', met: (r) => r.polling.requestsAfterTerminal === 0 },
  tokenRequestsWith50Hooks: { text: () => '= 1', met: (r) => r.tokenRequestsWith50Hooks === 1 },
  rendersOver20IdenticalPolls: {
    text: () => '= 0',
    met: (r) => r.rendersOver20IdenticalPolls === 0,
  },
};

/** `{ [budget]: met }`. */
export const checkBudgets = (result) =>
  Object.fromEntries(Object.entries(BUDGETS).map(([name, budget]) => [name, budget.met(result)]));
