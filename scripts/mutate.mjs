// npm run mutate [-- PART ...]: Stryker once per part of the four folders mutation testing covers, each part
// with its own report and incremental file under reports/mutation/, then the scores of every part measured so far.
// A part is a small folder (network, snapshot, check/checks) or a file of the larger system and check folders.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const files = (folder) => readdirSync(`src/${folder}`).filter((f) => f.endsWith('.ts')).map((f) => `${folder}/${f}`);
const PARTS = ['network', 'snapshot', ...files('system'), 'check/checks', ...files('check')];
const asked = process.argv.slice(2);
const bad = asked.find((p) => !PARTS.includes(p));
if (bad !== undefined) {
  console.error(`mutate: '${bad}' is not a part mutation testing covers; expected any of ${PARTS.join(', ')}`);
  process.exit(2);
}
for (const part of asked.length > 0 ? asked : PARTS) {
  console.log(`mutate: src/${part}`);
  const r = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, CUTCHECK_MUTATE: part } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const summary = spawnSync('npx', ['tsx', 'scripts/mutation-summary.ts'], { stdio: 'inherit' });
process.exit(summary.status ?? 1);
