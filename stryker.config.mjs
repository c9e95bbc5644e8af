// @ts-check
// Mutation testing: how many deliberate small faults in the network rules, the snapshot algorithms, the system's
// step function and the checks the tests notice. `npm run mutate` (scripts/mutate.mjs) runs it once per part
// (CUTCHECK_MUTATE: a folder or a file under src/), each part with its own report and incremental file, so that a
// run cut short keeps the parts it finished and a later run re-tests only the mutants whose code or tests changed.
// Not part of npm test: a first run of all four folders takes over an hour on two cores.
const FOLDERS = ['network', 'snapshot', 'system', 'check'];
const part = process.env.CUTCHECK_MUTATE ?? '';
if (part !== '' && !FOLDERS.includes(part.split('/')[0] ?? ''))
  throw new Error(`CUTCHECK_MUTATE must be a folder or file under src/${FOLDERS.join(', src/')}, got '${part}'`);
const name = part === '' ? 'all' : part.replace(/\.ts$/, '').replaceAll('/', '-');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: part === '' ? FOLDERS.map((f) => `src/${f}/**/*.ts`) : [part.endsWith('.ts') ? `src/${part}` : `src/${part}/**/*.ts`],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 3000,
  timeoutFactor: 1.5,
  incremental: true,
  incrementalFile: `reports/mutation/incremental-${name}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
export default config;
