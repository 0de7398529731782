// Reads Vitest's JSON report and prints the plain closing line CI reads
// ("N passed, N failed, N skipped"). Exits non-zero when anything failed, when
// nothing ran, or when a required backend suite (e.g. "[postgres]") was skipped.
import { readFileSync } from 'node:fs';

const [reportPath, ...required] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const tests = report.testResults.flatMap((file) => file.assertionResults.map((t) => ({ ...t, file: file.name })));
const count = (status) => tests.filter((t) => t.status === status).length;
const passed = count('passed');
const failed = count('failed') + report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
const skipped = count('skipped') + count('pending') + count('todo');

let ok = failed === 0 && passed > 0;
for (const tag of required) {
  const ran = tests.filter((t) => t.fullName.includes(`[${tag}]`) && t.status === 'passed').length;
  if (ran === 0) {
    console.error(`required suite [${tag}] did not run (is its service up and its HASHI_TEST_* variable set?)`);
    ok = false;
  } else {
    console.log(`[${tag}] suites: ${ran} tests passed`);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
