// cutcheck as a user meets it: the packed tarball installed into a fresh project outside this repository.
// The project's own model file imports 'cutcheck'; `npx cutcheck verify` checks it; plain `node` imports the
// API (ESM and CommonJS); and a vitest test of the user's runs against it.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = new URL('..', import.meta.url).pathname;
const VITEST = (JSON.parse(spawnSync('npm', ['ls', 'vitest', '--json', '--depth=0'], { cwd: REPO, encoding: 'utf8' }).stdout) as { dependencies: { vitest: { version: string } } }).dependencies.vitest.version;

let project = '';
const ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete ENV['FORCE_COLOR'];
const sh = (cmd: string, args: readonly string[], cwd = project): SpawnSyncReturns<string> =>
  spawnSync(cmd, args, { cwd, encoding: 'utf8', env: ENV, timeout: 240_000 });
const ok = (r: SpawnSyncReturns<string>): string => {
  if (r.status !== 0) throw new Error(`exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

const MODEL = `import { defineModel, bank, complete, type Workload } from 'cutcheck';
// A user's own workload: each process may pass its one token on, once.
type S = { readonly tokens: number };
const pass: Workload<S, 'token'> = {
  name: 'pass-once',
  init: (ctx) => ({ tokens: ctx.self === 0 ? 1 : 0 }),
  actions: (s, ctx) => (s.tokens > 0 ? [{ label: 'pass', next: { tokens: s.tokens - 1 }, sends: [{ to: ctx.out[0] ?? 0, msg: 'token' as const }] }] : []),
  receive: (s) => ({ next: { tokens: s.tokens + 1 } }),
  invariants: { 'one token': (g) => g.locals.reduce((a, l) => a + l.tokens, 0) + g.channels.reduce((a, c) => a + c.messages.length, 0) === 1 },
};
export const expect = 'holds';
export default defineModel({ name: 'mine', topology: complete(3), workload: pass });
export const bankModel = defineModel({ name: 'bank', topology: complete(3), workload: bank(1, 1) });
`;

const VITEST_TEST = `import { describe, expect, it } from 'vitest';
import { assertVerified, verify } from 'cutcheck';
import model from '../model.ts';

describe('my model', () => {
  it('holds under Chandy-Lamport', () => assertVerified(model));
  it('has the facts I expect', () => {
    const r = verify(model, { stopAtFirst: false });
    expect(r.ok && r.value.verdict).toBe('holds');
  });
});
`;

describe('the packed package, installed in a project of its own', () => {
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'cutcheck-user-'));
    const packs = join(base, 'packs');
    mkdirSync(packs);
    // `npm pack` runs `prepare`, which builds dist/ from the sources.
    ok(sh('npm', ['pack', '--silent', '--pack-destination', packs], REPO));
    const tarball = join(packs, readdirSync(packs).find((f) => f.endsWith('.tgz')) ?? 'missing.tgz');
    project = join(base, 'project');
    mkdirSync(join(project, 'test'), { recursive: true });
    // No "type": a CommonJS project by default, the case where tsx compiles the model to require().
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-protocol', private: true, version: '1.0.0' }, null, 2));
    writeFileSync(join(project, 'model.ts'), MODEL);
    writeFileSync(join(project, 'test', 'model.test.ts'), VITEST_TEST);
    ok(sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `vitest@${VITEST}`]));
  }, 300_000);

  afterAll(() => {
    if (project !== '') rmSync(join(project, '..'), { recursive: true, force: true });
  });

  it('verifies a model file of the project with npx cutcheck verify', () => {
    const r = sh('npx', ['cutcheck', 'verify', 'model.ts']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^mine: pass-once on complete:3/m);
    expect(r.stdout).toMatch(/verdict: HOLDS/);
    expect(r.status).toBe(0);
  });

  it('answers --version with the version of the package', () => {
    expect(ok(sh('npx', ['cutcheck', '-V'])).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('runs its bundled examples from the installed package', () => {
    expect(ok(sh('npx', ['cutcheck', 'examples']))).toMatch(/4 bundled models, every verdict as expected/);
  });

  it('imports the API under plain node, as an ES module', () => {
    const code = "import { verify, bank, complete } from 'cutcheck'; const r = verify({ name: 'b', topology: complete(3), workload: bank(1, 1) }); console.log(r.ok ? r.value.verdict : r.error.code);";
    expect(ok(sh('node', ['--input-type=module', '-e', code])).trim()).toBe('holds');
  });

  it('requires the API under plain node, from CommonJS', () => {
    const code = "const { verify, bank, ring } = require('cutcheck'); const r = verify({ name: 'b', topology: ring(3), workload: bank(1, 1) }); console.log(r.ok ? r.value.facts.cuts : r.error.code);";
    expect(Number(ok(sh('node', ['-e', code])).trim())).toBeGreaterThan(0);
  });

  it('passes a vitest test of the project that imports cutcheck', () => {
    const out = ok(sh('npx', ['vitest', 'run', 'test/']));
    expect(out).toMatch(/2 passed/);
  });

  it('scaffolds a model and a test with cutcheck init, and both pass', () => {
    expect(ok(sh('npx', ['cutcheck', 'init', 'scaffold']))).toMatch(/wrote scaffold\/model\.ts\nwrote scaffold\/model\.test\.ts/);
    expect(ok(sh('npx', ['cutcheck', 'verify', 'scaffold/model.ts']))).toMatch(/gifts: gifts on complete:3[\s\S]*verdict: HOLDS/);
    expect(ok(sh('npx', ['vitest', 'run', 'scaffold']))).toMatch(/2 passed/);
    expect(sh('npx', ['cutcheck', 'init', 'scaffold']).status).toBe(2);
  });

  it('ships compiled JavaScript with types and without the TypeScript sources', () => {
    const root = join(project, 'node_modules', 'cutcheck');
    const files = readdirSync(root);
    expect(files).toEqual(expect.arrayContaining(['dist', 'bin', 'models', 'README.md', 'package.json']));
    expect(files).not.toContain('src');
    expect(readdirSync(join(root, 'dist'))).toEqual(expect.arrayContaining(['index.js', 'index.d.ts']));
  });
});
