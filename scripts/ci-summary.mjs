#!/usr/bin/env node
/**
 * Turns vitest's JSON report into the one line CI reads: the LAST line printed is exactly
 * `N passed, N failed` (plus `, N skipped` when tests were skipped or left as todo).
 *
 * Usage: node scripts/ci-summary.mjs <vitest.json> [--exit-code <status of the test command>]
 *
 * Counted as failed, beyond vitest's own count, so a broken run never reads as green:
 * - no report at all (install, typecheck or lint stopped the run before vitest): `0 passed, 1 failed`;
 * - a test file that failed without a failing test (it did not load, or a hook threw): one each;
 * - a failed run with nothing else to show for it (an unhandled error, or the test command exiting
 *   non-zero): one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--')) ?? 'test-results/vitest.json';
const exitCodeIndex = args.indexOf('--exit-code');
const commandStatus = exitCodeIndex === -1 ? 0 : Number(args[exitCodeIndex + 1] ?? 0);

function finish(passed, failed, skipped) {
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}

let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(
    `No vitest report in ${file} (${error.code ?? error.message}): the run stopped before the tests.`,
  );
  finish(0, 1, 0);
}

const passed = report.numPassedTests ?? 0;
let failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);

for (const result of report.testResults ?? []) {
  const name = path.relative(process.cwd(), result.name ?? '');
  const assertions = result.assertionResults ?? [];
  for (const assertion of assertions) {
    if (assertion.status === 'failed') console.log(`FAILED ${name} > ${assertion.fullName}`);
  }
  if (result.status === 'failed' && !assertions.some((assertion) => assertion.status === 'failed')) {
    const reason = String(result.message ?? '').split('\n')[0];
    console.log(`FAILED ${name} (the file itself failed${reason ? `: ${reason}` : ''})`);
    failed += 1;
  }
}
if (failed === 0 && (report.success === false || commandStatus !== 0)) {
  console.log(
    `The test run failed (success: ${report.success}, exit code ${commandStatus}) without a failed test.`,
  );
  failed = 1;
}
finish(passed, failed, skipped);
