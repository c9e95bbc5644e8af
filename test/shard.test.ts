// A partitioned search: `verify --shard I/N` on each shard, then `cutcheck merge`, gives exactly the verdicts, facts
// and shortest counterexamples of a single search. Checked on 100 random small models (each shard's result through
// its JSON file), and on a few models run as separate processes, side by side, from the command line.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bank, edges, verify, type ModelSpec, type VerifyResult, type Workload } from '../src/index.ts';
import { mergeShards } from '../src/check/shard.ts';
import { fingerprintOf, readShard, shardJson } from '../src/cli/shard.ts';
import { CLI_MAIN } from './cli-main.ts';
import { smallModel, smallModelFields } from './reference/random-models.ts';

const dir = mkdtempSync(join(tmpdir(), 'cutcheck-shard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** Each shard's result written to its JSON file and read back, as `cutcheck merge` reads them, then merged. */
function viaFiles(spec: ModelSpec<unknown, unknown>, n: number, splitAt: number, tag: string) {
  const fingerprint = ok(fingerprintOf(spec, 8));
  const files = Array.from({ length: n }, (_, index) => {
    const r = ok(verify(spec, { stopAtFirst: false, shard: { index, count: n, splitAt } }));
    const file = join(dir, `${tag}-${index}.json`);
    writeFileSync(file, JSON.stringify(shardJson(r, fingerprint, { args: {} })));
    return file;
  });
  return ok(mergeShards(spec, files.map((f) => ok(readShard(f)).shard)));
}

const shortest = (r: VerifyResult) => Object.fromEntries(r.violations.map((v) => [v.check, v.trace.steps.length]));

describe('merged shards', () => {
  it('give the facts, verdicts and shortest counterexamples of a single search, on 100 random small models', () => {
    let split = 0;
    let violated = 0;
    let k = 0;
    fc.assert(
      fc.property(
        fc.record({
          ...smallModelFields(5),
          shards: fc.integer({ min: 2, max: 4 }),
          splitAt: fc.integer({ min: 1, max: 4 }),
        }),
        (m) => {
          const spec = smallModel(m);
          fc.pre(spec !== null);
          const single = ok(verify(spec, { stopAtFirst: false }));
          const { result, merge } = viaFiles(spec, m.shards, m.splitAt, `random-${k++}`);
          expect(result.facts).toEqual(single.facts);
          expect(result.checks).toEqual(single.checks);
          expect(result.verdict).toBe(single.verdict);
          expect(result.factsComplete).toBe(true);
          expect(shortest(result)).toEqual(shortest(single));
          // The merged count of states can only exceed the single search's: shards store what they share.
          expect(merge.statesSummed).toBeGreaterThanOrEqual(single.stats.productStates);
          if (merge.splitDepth !== null) split++;
          if (single.verdict === 'violated') violated++;
        },
      ),
      { numRuns: 100, seed: 20261207 },
    );
    // Not vacuous: most models were split, and some were violated.
    expect(split).toBeGreaterThan(70);
    expect(violated).toBeGreaterThan(10);
  });

  it('stop at a first violation in each shard, and still give the shortest counterexample', () => {
    const spec: ModelSpec<unknown, unknown> = { name: 'u', topology: edges([[0, 1], [1, 0], [1, 2], [2, 0]], 3), workload: bank(1, 1) as Workload<unknown, unknown>, network: { discipline: 'unordered' } };
    const single = ok(verify(spec));
    const fingerprint = ok(fingerprintOf(spec, 8));
    const shards = [0, 1, 2].map((index) => {
      const r = ok(verify(spec, { shard: { index, count: 3, splitAt: 4 } }));
      const file = join(dir, `first-${index}.json`);
      writeFileSync(file, JSON.stringify(shardJson(r, fingerprint, { args: {} })));
      return ok(readShard(file)).shard;
    });
    const { result } = ok(mergeShards(spec, shards));
    expect(result.verdict).toBe('violated');
    expect(result.factsComplete).toBe(false);
    expect(result.violations[0]?.trace.steps.length).toBe(single.violations[0]?.trace.steps.length);
  });
});

describe('merge refuses', () => {
  const spec: ModelSpec<unknown, unknown> = { name: 'm', topology: edges([[0, 1], [1, 0]], 2), workload: bank(1, 1) as Workload<unknown, unknown> };
  const fingerprint = ok(fingerprintOf(spec, 8));
  const part = (index: number, count: number) => ok(readShardOf(ok(verify(spec, { stopAtFirst: false, shard: { index, count, splitAt: 1 } })), `r-${index}-${count}`));
  function readShardOf(r: VerifyResult, tag: string) {
    const file = join(dir, `${tag}.json`);
    writeFileSync(file, JSON.stringify(shardJson(r, fingerprint, { args: {} })));
    return readShard(file);
  }
  it.each([
    ['a missing shard', () => [part(0, 3), part(2, 3)], /shard 1\/3 is missing/],
    ['a shard given twice', () => [part(0, 2), part(0, 2), part(1, 2)], /shard 0\/2 is given twice/],
    ['shards of different splits', () => [part(0, 2), part(1, 3)], /split 3 ways, not 2/],
  ])('%s, in one line', (_name, shards, message) => {
    const r = mergeShards(spec, shards().map((s) => s.shard));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.error.code} ${r.error.message}`).toMatch(message);
  });

  it('a file that is not a shard result, naming the file and the field', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, kind: 'shard', shard: { index: 0, count: 1 } }));
    const r = readShard(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(`'${file}': "shard" must hold index < count, splitDepth (a depth or null), prefixStates and skipped`);
    writeFileSync(file, '{"kind": "verify"}');
    const v = readShard(file);
    if (!v.ok) expect(v.error.code).toBe('CC014');
  });
});

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
/** Runs the command line as a separate process, resolving when it exits. */
const cliAsync = (...args: string[]) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const p = spawn(process.execPath, [CLI_MAIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => resolve({ code, out, err }));
  });

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const schemas = new URL('../docs/schema/', import.meta.url);
for (const f of readdirSync(schemas).filter((x) => x.endsWith('.schema.json'))) ajv.addSchema(JSON.parse(readFileSync(new URL(f, schemas), 'utf8')) as object);
/** The schema's complaints about `data` (empty when it validates). */
const problems = (kind: string, data: unknown): string => {
  const validate = ajv.getSchema(`urn:cutcheck:schema:${kind}:1`);
  if (validate === undefined) throw new Error(`no schema ${kind}`);
  return validate(data) ? '' : ajv.errorsText(validate.errors);
};

describe('cutcheck verify --shard and cutcheck merge', () => {
  it.each([
    [['-t', 'complete:3', '-c', 'unordered'], 3],
    [['models/writeup.ts'], 2],
    [['-t', 'ring:4', '-w', 'token:3'], 4],
  ])('%j in %i processes side by side, merged, equal one verify', async (model, n) => {
    const whole = JSON.parse(cli('verify', ...model, '--continue', '--json').out) as { facts: unknown; verdict: string; checks: unknown };
    const runs = await Promise.all(Array.from({ length: n }, (_, i) => cliAsync('verify', ...model, '--continue', '--shard', `${i}/${n}`)));
    const files = runs.map((r, i) => {
      expect(r.err).toMatch(new RegExp(`^cutcheck: shard ${i}/${n}: `));
      const file = join(dir, `cli-${n}-${i}.json`);
      writeFileSync(file, r.out);
      return file;
    });
    for (const r of runs) expect(problems('shard', JSON.parse(r.out))).toBe('');
    const merged = cli('merge', ...files, '--json');
    // A model file is loaded as the results name it, and merge says so.
    expect(merged.err).toBe(model[0]?.endsWith('.ts') === true ? `cutcheck: loading model file '${model[0]}', as the shard result names it (--model MODEL.ts loads another)\n` : '');
    const j = JSON.parse(merged.out) as { facts: unknown; verdict: string; checks: unknown; merge: { shards: number } };
    expect(problems('verify', j)).toBe('');
    expect(j.facts).toEqual(whole.facts);
    expect(j.verdict).toBe(whole.verdict);
    expect(j.checks).toEqual(whole.checks);
    expect(j.merge.shards).toBe(n);
    expect(merged.code).toBe(whole.verdict === 'holds' ? 0 : 1);
    const text = cli('merge', ...files);
    expect(text.out).toMatch(new RegExp(`merged: ${n} shards`));
  });

  it.each([
    [['--shard', '3/3'], /--shard takes I\/N with 0 <= I < N/],
    [['--shard', '0/2', '--trace-out', 'x.json'], /--shard does not take --trace-out/],
    [['--shard', 'x'], /--shard takes I\/N/],
  ])('refuses %j in one line', (flags, message) => {
    const r = cli('verify', ...flags);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });

  it('merge refuses a model other than the shards searched', () => {
    const file = join(dir, 'writeup.json');
    writeFileSync(file, cli('verify', 'models/writeup.ts', '--shard', '0/1').out);
    const r = cli('merge', file, '--model', 'models/bank-fifo.ts');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not the one the shards searched/);
  });
});
