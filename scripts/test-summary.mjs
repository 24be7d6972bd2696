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
const { numPassedTests: passed, numTotalTests: total, success } = report;
// A file that fails to load has no failed test of its own: count it as one failure.
const brokenFiles = report.testResults.filter(
  (file) =>
    file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
).length;
const failed = report.numFailedTests + brokenFiles;
console.log(`vitest: ${passed} passed, ${failed} failed`);
if (!success || failed > 0 || total === 0) process.exit(1);
