// The budgets, each with how the table states it and whether a result meets it. Bundle budgets
// are per import, ofetch counted in (an app pays for what it imports; everything tree-shakes):
// docs/decisions/0011-bundle-budgets-per-import.md says why. `import *` has no budget, only
// the guard of .size-limit.mjs, which `npm run size` holds just above what it measures.
import sizeLimitChecks from '../../.size-limit.mjs';

const n = (value) => value?.toLocaleString('en-US');

// size-limit's kB: "12 kB" is 12 000 bytes.
const KB = 1000;

const guardOf = (path, imports) => {
  const check = sizeLimitChecks.find((c) => c.path === path && c.import === imports);
  return Math.round(Number(/^([\d.]+) kB$/.exec(check.limit)[1]) * KB);
};

const bundle = (key, limit, kind = '') => ({
  text: () => `≤ ${n(limit)} B${kind}`,
  met: (r) => r.bundle[key] <= limit,
});

export const BUDGETS = {
  main: bundle('main', guardOf('dist/index.js', '*'), ' (guard, not a budget)'),
  client: bundle('client', 8.5 * KB),
  hooks: bundle('hooks', 10 * KB),
  quickStart: bundle('quickStart', 16.5 * KB),
  testing: bundle('testing', 12 * KB),
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
  // An app moves on (to the accounts page) on this event: a poll or so after the mock is done.
  accountsReadyLag: {
    text: () => '≤ 1,500 ms',
    met: (r) => r.accountsReady?.lagMs != null && r.accountsReady.lagMs <= 1500,
  },
};

/** `{ [budget]: met }`. */
export const checkBudgets = (result) =>
  Object.fromEntries(Object.entries(BUDGETS).map(([name, budget]) => [name, budget.met(result)]));
