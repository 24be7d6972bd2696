// DESIGN §9's budgets, each with how the table states it and whether a result meets it.

// size-limit's kB: "12 kB" in .size-limit.json is 12 000 bytes.
const KB = 1000;
const n = (value) => value?.toLocaleString('en-US');

export const BUDGETS = {
  main: { text: () => `≤ ${n(12 * KB)} B`, met: (r) => r.bundle.main <= 12 * KB },
  hooks: { text: () => `≤ ${n(7 * KB)} B`, met: (r) => r.bundle.hooks <= 7 * KB },
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
