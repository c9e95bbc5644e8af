// Checkpoint and resume: a search taken up from any of its checkpoints, each written to bytes and read back as a
// file is, reports the same facts, verdicts and shortest counterexamples as the search that was never stopped; and
// from the command line, a search killed part-way (SIGKILL) or interrupted (Ctrl-C) and resumed does too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bank, complete, verify, type ModelSpec, type VerifyOptions, type VerifyResult, type Workload } from '../src/index.ts';
import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from '../src/check/checkpoint.ts';
import { CLI_MAIN } from './cli-main.ts';
import { smallModel, smallModelFields } from './reference/random-models.ts';

const dir = mkdtempSync(join(tmpdir(), 'cutcheck-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** A checkpoint as its file holds it: encoded to bytes (a copy, as the search's memory moves on), then decoded. */
const asFile = (cp: Checkpoint): Uint8Array => {
  const chunks = encodeCheckpoint(cp, { test: true });
  const bytes = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
};
const read = (bytes: Uint8Array): Checkpoint => ok(decodeCheckpoint((pos, len) => bytes.slice(pos, pos + len), bytes.length)).checkpoint;

/** The search, saving a checkpoint at the start of every unit of work (everyMs 0), and the checkpoints as files. */
function withCheckpoints(spec: ModelSpec<unknown, unknown>, options: VerifyOptions): { result: VerifyResult; files: Uint8Array[] } {
  const files: Uint8Array[] = [];
  const result = ok(verify(spec, { ...options, checkpoint: { everyMs: 0, save: (cp) => void files.push(asFile(cp)) } }));
  return { result, files };
}

const shortest = (r: VerifyResult) => Object.fromEntries(r.violations.map((v) => [v.check, v.trace.steps.length]));
/** What must not change when a search is taken up: facts, verdicts, shortest counterexamples and completions seen. */
const outcome = (r: VerifyResult) => ({ verdict: r.verdict, checks: r.checks, facts: r.facts, factsComplete: r.factsComplete, shortest: shortest(r), completions: r.stats.completions });

describe('a search taken up from a checkpoint', () => {
  it('reports what the search never stopped reports, from every checkpoint, on 40 random small models', () => {
    let taken = 0;
    let violated = 0;
    let midLevel = 0;
    fc.assert(
      fc.property(fc.record({ ...smallModelFields(5), stopAtFirst: fc.boolean() }), (m) => {
        const spec = smallModel(m);
        fc.pre(spec !== null);
        const options: VerifyOptions = { stopAtFirst: m.stopAtFirst, workers: 1 };
        const { result, files } = withCheckpoints(spec, options);
        expect(outcome(result)).toEqual(outcome(ok(verify(spec, options))));
        for (const file of files) {
          const cp = read(file);
          if (cp.search.carry !== null) midLevel++;
          const resumed = ok(verify(spec, { ...options, resume: cp }));
          expect(outcome(resumed)).toEqual(outcome(result));
          // On one thread the search is the same search: the same states and steps, counted across both runs.
          expect(resumed.stats.productStates).toBe(result.stats.productStates);
          expect(resumed.stats.transitions).toBe(result.stats.transitions);
          expect(resumed.stats.checkpoint?.resumedAt?.depth).toBe(cp.search.depth);
          taken++;
        }
        if (result.verdict === 'violated') violated++;
      }),
      { numRuns: 40, seed: 20261208 },
    );
    // Not vacuous: many checkpoints, some in the middle of a level, and violations among the models.
    expect(taken).toBeGreaterThan(100);
    expect(midLevel).toBeGreaterThan(10);
    expect(violated).toBeGreaterThan(5);
  });

  const unordered: ModelSpec<unknown, unknown> = { name: 'u3', topology: complete(3), workload: bank(1, 1) as Workload<unknown, unknown>, network: { discipline: 'unordered' } };

  it('reports the same facts when worker threads held for each checkpoint in the middle of their levels', () => {
    const options: VerifyOptions = { stopAtFirst: false, workers: 2, parallelFrom: 64 };
    const { result, files } = withCheckpoints(unordered, options);
    expect(result.stats.reductions.threads).toBe(2);
    expect(files.length).toBeGreaterThan(20);
    const some = files.filter((_, i) => i % 4 === 1).map(read);
    expect(some.some((cp) => cp.search.carry !== null && cp.search.depth > 3)).toBe(true);
    for (const cp of some) expect(outcome(ok(verify(unordered, { ...options, resume: cp })))).toEqual(outcome(result));
    expect(result.facts).toEqual({ appStates: 124, cuts: 622, inconsistentCuts: 527, unreachableCuts: 508, shortestInconsistent: 8 });
  });

  it('goes on past the state bound that stopped the search it takes up, to the facts of a search with none', () => {
    const whole = ok(verify(unordered, { stopAtFirst: false, workers: 1 }));
    const { result, files } = withCheckpoints(unordered, { stopAtFirst: false, workers: 1, maxStates: 6_000 });
    expect(result.stats.stoppedBy).toBe('state-bound');
    const last = read(files[files.length - 1] as Uint8Array);
    const resumed = ok(verify(unordered, { stopAtFirst: false, workers: 1, resume: last }));
    expect(outcome(resumed)).toEqual(outcome(whole));
    expect(resumed.stats.productStates).toBe(whole.stats.productStates);
  });

  it('keeps a shard to its share: a shard taken up gives the cuts of the shard never stopped', () => {
    const options: VerifyOptions = { stopAtFirst: false, workers: 1, shard: { index: 1, count: 3, splitAt: 16 } };
    const { result, files } = withCheckpoints(unordered, options);
    expect(result.shard?.splitDepth).not.toBeNull();
    for (const file of files.filter((_, i) => i % 3 === 0)) {
      const resumed = ok(verify(unordered, { ...options, resume: read(file) }));
      expect(resumed.shard?.cuts).toEqual(result.shard?.cuts);
      expect(resumed.stats.productStates).toBe(result.stats.productStates);
    }
  });

  it('is refused when the settings differ from the search it takes up, in one line naming the setting', () => {
    const { files } = withCheckpoints(unordered, { stopAtFirst: false, workers: 1 });
    const cp = read(files[3] as Uint8Array);
    const r = verify(unordered, { stopAtFirst: true, workers: 1, resume: cp });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.error.code}: ${r.error.message}`).toBe('CC007: the checkpoint was taken with stopAtFirst false, and this search asks for true; a resumed search keeps the settings of the one it takes up');
    const other = verify({ ...unordered, workload: bank(2, 1) as Workload<unknown, unknown> }, { stopAtFirst: false, workers: 1, resume: cp });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('CC014');
  });

  it('refuses a file that is not a whole checkpoint, in one line', () => {
    const { files } = withCheckpoints(unordered, { workers: 1, stopAtFirst: false });
    const bytes = files[2] as Uint8Array;
    const cut = bytes.slice(0, bytes.length - 100);
    const r = decodeCheckpoint((pos, len) => cut.slice(pos, pos + len), cut.length);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^not a checkpoint cutcheck can take up: it is cut short \(the \w+ section ends past the file's \d+ bytes\): was it written completely\?$/);
    const text = new TextEncoder().encode('{"kind":"shard"}');
    const t = decodeCheckpoint((pos, len) => text.slice(pos, pos + len), text.length);
    if (!t.ok) expect(t.error.code).toBe('CC014');
    expect(t.ok).toBe(false);
  });
});

describe('verify --checkpoint and --resume, from the command line', () => {
  const cli = (args: readonly string[], cwd = dir) => spawnSync(process.execPath, [CLI_MAIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  // 1.8 million states, about 6 seconds on two threads: long enough to stop part-way.
  const model = ['-t', 'complete:4', '-w', 'bank:1,1', '--continue'];
  const facts = (stdout: string) => {
    const j = JSON.parse(stdout) as { facts: unknown; checks: unknown; verdict: string; stats: VerifyResult['stats'] };
    return { facts: j.facts, checks: j.checks, verdict: j.verdict, stats: j.stats };
  };
  let never: ReturnType<typeof facts> | null = null;
  /** The search never stopped (run once). */
  const whole = () => (never ??= facts(cli(['verify', ...model, '--json']).stdout));

  /** Starts a search that saves a checkpoint every second, and kills it (SIGKILL) a second after its first. */
  async function killedPartWay(file: string): Promise<void> {
    const child = spawn(process.execPath, [CLI_MAIN, 'verify', ...model, '--checkpoint', file, '--checkpoint-every', '1', '--no-progress'], { cwd: dir, stdio: 'ignore' });
    const done = new Promise((resolve) => child.on('exit', resolve));
    for (let i = 0; i < 1200 && child.exitCode === null && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1_000));
    child.kill('SIGKILL');
    expect(await done).toBeNull();
  }

  it('takes up a search killed part-way, and reports the facts of one never stopped', async () => {
    const file = join(dir, 'killed.ckpt');
    await killedPartWay(file);
    const r = cli(['verify', '--resume', file, '--json', '--no-progress']);
    expect(r.status).toBe(0);
    const resumed = facts(r.stdout);
    const expected = whole();
    expect({ ...resumed, stats: undefined }).toEqual({ ...expected, stats: undefined });
    expect(resumed.stats.checkpoint?.resumedAt?.states).toBeGreaterThan(10_000);
    expect(resumed.stats.exhaustive).toBe(true);
    expect(r.stderr).toMatch(/taken up from .*killed\.ckpt, saved .* at depth \d+ with [\d,]+ states/);
  }, 120_000);

  it('saves a last checkpoint when interrupted (Ctrl-C), long before the interval, and says how to take it up', async () => {
    const file = join(dir, 'interrupted.ckpt');
    const child = spawn(process.execPath, [CLI_MAIN, 'verify', ...model, '--checkpoint', file, '--no-progress'], { cwd: dir });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise((r) => setTimeout(r, 2_500));
    child.kill('SIGINT');
    expect(await done).toBe(3);
    expect(stdout).toMatch(/checkpoint: saved 1 time to .*interrupted\.ckpt \([\d.]+ s in all\), the last at depth \d+ with [\d,]+ states \([\d.]+ MiB\)/);
    expect(stdout).toContain(`take the search up from its last checkpoint with: cutcheck verify --resume ${file}`);
    const r = cli(['verify', '--resume', file, '--json', '--no-progress']);
    const resumed = facts(r.stdout);
    expect({ ...resumed, stats: undefined }).toEqual({ ...whole(), stats: undefined });
    expect(resumed.stats.checkpoint?.resumedAt?.states).toBeGreaterThan(1000);
  }, 180_000);

  it('refuses, in one line each: model flags with --resume, a file that is no checkpoint, --checkpoint-every alone, --cuts-out with --checkpoint', () => {
    const garbage = join(dir, 'garbage.ckpt');
    writeFileSync(garbage, 'not a checkpoint at all, but long enough to read a header from');
    const cases: [string[], RegExp][] = [
      [['verify', '--resume', garbage, '-t', 'ring:3'], /^cutcheck: error CC007 \(usage\): --resume takes the model and its settings from the checkpoint, so it does not take --topology/],
      [['verify', '--resume', garbage], /^cutcheck: error CC014 \(bad result file\): '.*garbage\.ckpt': not a checkpoint cutcheck can take up: it does not start as a checkpoint does/],
      [['verify', '--resume', join(dir, 'missing.ckpt')], /^cutcheck: error CC010 \(file\): cannot read the checkpoint/],
      [['verify', '--checkpoint-every', '5'], /^cutcheck: error CC007 \(usage\): --checkpoint-every needs --checkpoint FILE/],
      [['verify', '--checkpoint', 'x.ckpt', '--cuts-out', 'c.jsonl'], /^cutcheck: error CC007 \(usage\): --checkpoint does not keep the runs that --cuts-out writes/],
      [['verify', '--checkpoint', 'x.ckpt', '--checkpoint-every', 'soon'], /^cutcheck: error CC003 \(bad number\): --checkpoint-every takes a whole number from 0 to 86400/],
      [['simulate', '--checkpoint', 'x.ckpt'], /CC007/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
  });

  it('saves no more checkpoints once the search meets values its tables did not hold before it, and says why', () => {
    // A crash restores a state the search meets as it goes, so the algorithm's states are numbered in its order.
    const crash = ['verify', '-t', 'complete:3', '-w', 'bank:1,1', '--crashes', '1', '--continue', '--no-progress'];
    const file = join(dir, 'crash.ckpt');
    const r = cli([...crash, '--checkpoint', file, '--checkpoint-every', '0']);
    expect(r.stdout).toMatch(/checkpoint: none saved after the first \d+, because the search met workload or algorithm values that R and the closure of the algorithm's tables do not/);
    // The checkpoints it saved before are sound.
    const resumed = cli(['verify', '--resume', file, '--json', '--no-progress']);
    expect({ ...facts(resumed.stdout), stats: undefined }).toEqual({ ...facts(cli([...crash, '--json']).stdout), stats: undefined });
  });

  it('refuses to take a search up on a model file that has changed since', () => {
    const folder = mkdtempSync(join(dir, 'changed-'));
    const source = (budget: number) => `import { bank, edges } from 'cutcheck';\nexport default { name: 'mine', topology: edges([[0, 1], [1, 2], [2, 0]], 3), workload: bank(${budget}, 1), network: { discipline: 'unordered' } };\n`;
    writeFileSync(join(folder, 'mine.ts'), source(1));
    const first = spawnSync(process.execPath, [CLI_MAIN, 'verify', 'mine.ts', '--continue', '--checkpoint', 'm.ckpt', '--checkpoint-every', '0'], { cwd: folder, encoding: 'utf8' });
    expect(first.status).toBe(1);
    expect(readFileSync(join(folder, 'm.ckpt')).length).toBeGreaterThan(1000);
    const again = spawnSync(process.execPath, [CLI_MAIN, 'verify', '--resume', 'm.ckpt', '--no-progress'], { cwd: folder, encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('taken up from m.ckpt');
    writeFileSync(join(folder, 'mine.ts'), source(2));
    const changed = spawnSync(process.execPath, [CLI_MAIN, 'verify', '--resume', 'm.ckpt'], { cwd: folder, encoding: 'utf8' });
    expect(changed.status).toBe(2);
    expect(changed.stderr).toMatch(/^cutcheck: loading model file 'mine\.ts', as the checkpoint names it \(cutcheck verify MODEL\.ts --resume FILE loads another\)\n/);
    expect(changed.stderr.trim().split('\n')[1]).toMatch(/^cutcheck: error CC014 \(bad result file\): 'm\.ckpt': the model has changed since the checkpoint was written \(fingerprint \w+ then, \w+ now\)/);
  });
});
