// The bench's result as one plain-text table: a markdown table with padded columns, readable in
// a terminal and pasteable as is.
import { BUDGETS } from './budgets.mjs';

const n = (value) => (value == null ? 'missing' : value.toLocaleString('en-US'));
const bytes = (value) => `${n(value)} B`;
const ms = (value) => (value == null ? n(value) : `${n(value)} ms`);

const ROWS = [
  ['bundle: main entry, `import *`', (r) => bytes(r.bundle.main), 'main'],
  ['bundle: `import { createBasiqClient, normalizeJob }`', (r) => bytes(r.bundle.client), 'client'],
  ['bundle: `import { useJob, BasiqProvider }`', (r) => bytes(r.bundle.hooks), 'hooks'],
  ['bundle: the quick start (connect flow)', (r) => bytes(r.bundle.quickStart), 'quickStart'],
  ['bundle: basiq-react/testing, `import *`', (r) => bytes(r.bundle.testing), 'testing'],
  ['bundle: styles.css', (r) => bytes(r.bundle.css)],
  ['bundle: plain ofetch, getJob + submitMfa (scale)', (r) => bytes(r.bundle.ofetchBaseline)],
  ['polling: GET /jobs until the end, useJob', (r) => n(r.polling.kitRequests), 'kitRequests'],
  ['polling: GET /jobs until the end, fixed 2 s loop', (r) => n(r.polling.fixedLoopRequests)],
  ['polling: MFA display lag, useJob', (r) => ms(r.polling.kitMfaLagMs), 'kitMfaLag'],
  ['polling: MFA display lag, fixed 2 s loop', (r) => ms(r.polling.fixedLoopMfaLagMs)],
  ['polling: completion lag, useJob', (r) => ms(r.polling.kitCompletionLagMs)],
  ['polling: completion lag, fixed 2 s loop', (r) => ms(r.polling.fixedLoopCompletionLagMs)],
  [
    'polling: GET /jobs after the end, useJob',
    (r) => n(r.polling.requestsAfterTerminal),
    'requestsAfterTerminal',
  ],
  [
    'token requests, 50 hooks mounted at once',
    (r) => n(r.tokenRequestsWith50Hooks),
    'tokenRequestsWith50Hooks',
  ],
  [
    'ConnectionStatus commits over 20 identical polls',
    (r) => n(r.rendersOver20IdenticalPolls),
    'rendersOver20IdenticalPolls',
  ],
  [
    'events: accounts step done → accounts-ready heard',
    (r) => ms(r.accountsReady?.lagMs),
    'accountsReadyLag',
  ],
  [
    'duration of the bench',
    (r) => `${(r.durationMs / 1000).toFixed(1)} s${r.built ? ', build included' : ''}`,
  ],
];

export function table(result) {
  const lines = [
    ['Measure', 'Value', 'Budget', 'Result'],
    ...ROWS.map(([label, value, budget]) => [
      label,
      value(result),
      budget ? BUDGETS[budget].text(result) : '',
      budget ? (result.budgets[budget] ? 'met' : 'MISSED') : '',
    ]),
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((cells) => cells[i].length)));
  const row = (cells) =>
    `| ${cells.map((cell, i) => (i === 1 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 1 ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [row(lines[0]), rule, ...lines.slice(1).map(row)].join('\n');
}
