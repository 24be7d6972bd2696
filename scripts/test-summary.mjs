// Prints the plain closing line CI reads ("vitest: N passed, N failed") from
// Vitest's JSON report, and fails when the run failed or wrote no report.
import { readFileSync } from 'node:fs';

let report;
try {
  report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
} catch {
  console.error(
    'basiq-react: Vitest wrote no report (test-results/vitest.json); see its output above.',
  );
  process.exit(1);
}
const { numPassedTests: passed, numFailedTests: failed, numTotalTests: total, success } = report;
console.log(`vitest: ${passed} passed, ${failed} failed`);
if (!success || failed > 0 || total === 0) process.exit(1);
