// `npm run bench`: the numbers of docs/benchmarks.md as one table (`npm run bench -- --json`: one JSON object),
// exiting 1 when a budget is missed. It builds first, unless `--no-build`.
import { fileURLToPath } from 'node:url';
import { bundleSizes } from './bench/bundleSizes.mjs';
import { checkBudgets } from './bench/budgets.mjs';
import { quietly } from './bench/quietly.mjs';
import { reactMeasurements } from './bench/reactMeasurements.mjs';
import { table } from './bench/table.mjs';

const OPTIONS = ['--json', '--no-build'];
const args = process.argv.slice(2);
const unknown = args.filter((arg) => !OPTIONS.includes(arg));
if (unknown.length > 0) {
  console.error(
    `Unknown option ${unknown.join(' ')}; usage: npm run bench [-- ${OPTIONS.join(' ')}]`,
  );
  process.exit(2);
}
process.chdir(fileURLToPath(new URL('..', import.meta.url)));

try {
  if (!args.includes('--no-build')) await quietly('npm', ['run', 'build']);
  const [bundle, measured] = await Promise.all([bundleSizes(), reactMeasurements()]);
  const result = {
    bundle,
    polling: measured.polling,
    tokenRequestsWith50Hooks: measured.tokenRequestsWith50Hooks,
    rendersOver20IdenticalPolls: measured.rendersOver20IdenticalPolls,
    identicalPolls: measured.identicalPolls,
    accountsReady: measured.accountsReady,
  };
  result.budgets = checkBudgets(result);
  result.durationMs = Math.round(process.uptime() * 1000);
  result.built = !args.includes('--no-build');
  console.log(args.includes('--json') ? JSON.stringify(result) : table(result));
  if (Object.values(result.budgets).includes(false)) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
