// Reads the mutation reports npm run mutate wrote (reports/mutation/PART.json, one per part measured) and prints
// the score per folder and per file, or the mutants no test noticed with their lines, for the README and for
// deciding what to test next.
// Usage: npx tsx scripts/mutation-summary.ts [--survivors [FILE-SUBSTRING] | --markdown]
// --markdown writes the whole account (scores, then every mutant no test noticed and every one marked equivalent in
// the source, with its reason) as docs/mutation.md holds it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

interface Mutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}
interface Report {
  readonly files: Readonly<Record<string, { readonly source: string; readonly mutants: readonly Mutant[] }>>;
}

// One report per part (see scripts/mutate.mjs); a whole run's report (all.json) when there is no part's.
const found = (existsSync('reports/mutation') ? readdirSync('reports/mutation', { withFileTypes: true }) : []).filter((e) => e.isFile() && /^(network|snapshot|system-.*|check-.*)\.json$/.test(e.name)).map((e) => `reports/mutation/${e.name}`).sort();
const sources = found.length > 0 ? found : ['reports/mutation/all.json'].filter((f) => existsSync(f));
if (sources.length === 0) {
  console.error('mutation-summary: no report under reports/mutation/ yet; run npm run mutate first');
  process.exit(2);
}
const report: Report = { files: Object.assign({}, ...sources.map((f) => (JSON.parse(readFileSync(f, 'utf8')) as Report).files)) };
console.error(`from ${sources.join(', ')}\n`);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
/** Mutants by status; ignored ones (marked equivalent) and compile errors are not counted. */
type Tally = { killed: number; timeout: number; survived: number; noCoverage: number };
const tally = (): Tally => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0 });
const KEY: Readonly<Record<string, keyof Tally>> = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage' };
const add = (t: Tally, m: Mutant): void => {
  const k = KEY[m.status];
  if (k !== undefined) t[k]++;
};
const detected = (t: Tally): number => t.killed + t.timeout;
const total = (t: Tally): number => detected(t) + t.survived + t.noCoverage;
const percent = (n: number, t: Tally): string => `${((100 * n) / Math.max(1, total(t))).toFixed(2)}%`;
/** The score, and the score without the mutants detected only by a timeout (a mutant that merely slows the tests down times out too). */
const row = (name: string, t: Tally): string =>
  `| ${name} | ${percent(detected(t), t)} | ${percent(t.killed, t)} | ${total(t)} | ${detected(t)} (${t.timeout} by timeout) | ${t.survived} | ${t.noCoverage} |`;

const all = tally();
const byFolder = new Map<string, Tally>();
const byFile = new Map<string, Tally>();
for (const [file, { mutants }] of Object.entries(report.files)) {
  const folder = file.split('/').slice(0, 2).join('/');
  const f = byFolder.get(folder) ?? tally();
  const g = tally();
  for (const m of mutants) {
    add(all, m);
    add(f, m);
    add(g, m);
  }
  byFolder.set(folder, f);
  byFile.set(file, g);
}

const args = process.argv.slice(2);
if (args[0] === '--survivors') {
  const only = args[1] ?? '';
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    if (!file.includes(only)) continue;
    const lines = source.split('\n');
    for (const m of mutants.filter((x) => UNDETECTED.has(x.status)).sort((a, b) => a.location.start.line - b.location.start.line)) {
      const l = m.location.start.line;
      console.log(`${file}:${l} ${m.status} ${m.mutatorName} -> ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80)}`);
      console.log(`    ${(lines[l - 1] ?? '').trim().slice(0, 140)}`);
    }
  }
} else if (args[0] === '--markdown') {
  const ignored = (t: Record<string, { readonly mutants: readonly Mutant[] }>) => Object.values(t).reduce((n, f) => n + f.mutants.filter((m) => m.status === 'Ignored').length, 0);
  console.log('# Mutation testing: the score, and every mutant left\n');
  console.log('Written by `npx tsx scripts/mutation-summary.ts --markdown > docs/mutation.md` from the reports `npm run mutate`');
  console.log(`left under reports/mutation/ (${sources.map((f) => f.replace('reports/mutation/', '')).join(', ')}). The README says how the`);
  console.log('suite is run and what it holds; [docs/mutation-left.md](mutation-left.md) says why each mutant left here is left.\n');
  console.log(`${detected(all)} of ${total(all)} mutants detected (${percent(detected(all), all)}); ${ignored(report.files)} more are marked equivalent in the source.\n`);
  tables();
  console.log('\n## Mutants no test noticed\n');
  for (const [file, { source, mutants }] of Object.entries(report.files).sort()) {
    const left = mutants.filter((x) => UNDETECTED.has(x.status)).sort((a, b) => a.location.start.line - b.location.start.line);
    if (left.length === 0) continue;
    const lines = source.split('\n');
    console.log(`### ${file}\n`);
    for (const m of left)
      console.log(`- line ${m.location.start.line}, ${m.status === 'NoCoverage' ? 'no test runs it' : 'survived'}: ${m.mutatorName} \`${(m.replacement ?? '').replace(/\s+/g, ' ').replaceAll('`', "'").slice(0, 70)}\` in \`${(lines[m.location.start.line - 1] ?? '').trim().replaceAll('`', "'").slice(0, 90)}\``);
    console.log('');
  }
  console.log('## Mutants marked equivalent in the source\n');
  for (const [file, { mutants }] of Object.entries(report.files).sort())
    for (const m of mutants.filter((x) => x.status === 'Ignored')) console.log(`- ${file}:${m.location.start.line} ${m.mutatorName}: ${m.statusReason ?? ''}`);
} else {
  tables();
}

function tables(): void {
  console.log('| folder | score | without timeouts | mutants | detected | survived | no coverage |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [folder, t] of [...byFolder].sort()) console.log(row(`\`${folder}\``, t));
  console.log(row('**all four**', all));
  console.log('');
  console.log('| file | score | without timeouts | mutants | detected | survived | no coverage |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [file, t] of [...byFile].sort((a, b) => detected(a[1]) / total(a[1]) - detected(b[1]) / total(b[1])))
    console.log(row(`\`${file}\``, t));
}
