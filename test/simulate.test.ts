// cutcheck simulate: random runs checked as verify checks every run. What it reports is checked against verify, the
// exhaustive reference: a violation it finds is one verify finds, the cuts it sees are among verify's, and its
// counterexample replays. Coverage is counted honestly, and what it cannot decide it says it did not check.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKS, bank, parseTopology, replayTrace, traceViolation, verify, type ModelSpec, type Workload } from '../src/index.ts';
import { simulate, type SimulateResult } from '../src/simulate/simulate.ts';
import { frequencyBuckets, histogramSvg } from '../src/render/coverage.ts';
import { memberSettings } from '../src/cli/swarm.ts';
import { CLI_MAIN } from './cli-main.ts';
import { smallModel, smallModelFields } from './reference/random-models.ts';

const topology = (t: string) => {
  const r = parseTopology(t);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const bankModel = (t: string, discipline: 'fifo' | 'unordered', b = 1, k = 1): ModelSpec<unknown, unknown> => ({
  name: 'sim',
  topology: topology(t),
  workload: bank(b, k) as Workload<unknown, unknown>,
  network: { discipline },
});
const sim = (spec: ModelSpec<unknown, unknown>, options: Parameters<typeof simulate>[1] = {}): SimulateResult => {
  const r = simulate(spec, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const dir = mkdtempSync(join(tmpdir(), 'cutcheck-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simulate on unordered channels', () => {
  const spec = bankModel('complete:3', 'unordered');
  const r = sim(spec, { seed: 1 });

  it('finds the inconsistent cut, and stops at the first failing run', () => {
    expect(r.verdict).toBe('violated');
    expect(r.checks.consistent).toBe('violated');
    expect(r.violation?.check).toBe('consistent');
    expect(r.stats.stoppedBy).toBe('violation');
    expect(r.coverage.failed).toBe(1);
    expect(r.coverage.inconsistentCuts).toBe(1);
  });

  it('reports the run fast-check shrank, whose trace replays to the same violation', () => {
    const v = r.violation;
    if (v === null || r.shrink === null) throw new Error('no violation');
    expect(v.trace.steps).toHaveLength(r.shrink.toSteps);
    const t = traceViolation(spec, v, { minimise: true });
    if (!t.ok) throw new Error(t.error.message);
    expect(t.value.doc.steps.length).toBeLessThanOrEqual(v.trace.steps.length);
    const again = replayTrace(spec, t.value.doc);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.recurs).toBe(true);
  });

  it('replays the failing run alone from its seed and path', () => {
    const alone = sim(spec, { seed: r.replay.seed, path: r.replay.path ?? '' });
    expect(alone.violation?.trace.codes).toEqual(r.violation?.trace.codes);
    expect(alone.coverage.runs).toBe(1);
  });

  it('makes the same runs from the same seed', () => {
    const holds = bankModel('complete:3', 'fifo');
    const a = sim(holds, { seed: 42, runs: 300 });
    const b = sim(holds, { seed: 42, runs: 300 });
    expect(b.coverage).toEqual(a.coverage);
    expect(sim(holds, { seed: 43, runs: 300 }).coverage.cutFrequencies).not.toEqual(a.coverage.cutFrequencies);
  });
});

describe('simulate on a model that holds', () => {
  const spec = bankModel('complete:3', 'fifo');
  const exhaustive = verify(spec, { stopAtFirst: false });
  if (!exhaustive.ok) throw new Error(exhaustive.error.message);
  const facts = exhaustive.value.facts;
  const r = sim(spec, { seed: 7, runs: 3000, known: { cuts: facts.cuts } });

  it('finds no violation, and says a simulation proves nothing', () => {
    expect(r.verdict).toBe('no-violation-found');
    expect(Object.values(r.checks).filter((s) => s !== 'n/a')).toEqual(['not-violated', 'not-violated', 'not-violated', 'not-violated', 'not-violated']);
    expect(r.violation).toBeNull();
    expect(r.replay.path).toBeNull();
  });

  it('sees no more cuts and application states than verify counts, and most of them in 3,000 runs', () => {
    expect(r.coverage.cuts).toBeLessThanOrEqual(facts.cuts);
    expect(r.coverage.cuts).toBeGreaterThan(facts.cuts * 0.9);
    expect(r.coverage.cutsKnown).toBe(facts.cuts);
    expect(r.coverage.appStatesKnown).toBe(facts.appStates);
    expect(r.coverage.appStates).toBeLessThanOrEqual(facts.appStates);
  });

  it('counts every run and every step once', () => {
    const c = r.coverage;
    expect(c.runs).toBe(3000);
    expect(c.deadEnds + c.depthBounded + c.failed).toBe(c.runs);
    expect(Object.values(c.stepKinds).reduce((a, b) => a + b, 0)).toBe(c.steps);
    expect(c.classes.reduce((a, k) => a + k.taken, 0)).toBe(c.steps);
    expect(c.actions.reduce((a, k) => a + k.taken, 0)).toBe(c.stepKinds.act);
    expect(c.cutFrequencies.reduce((a, b) => a + b, 0)).toBe(c.completions);
    // Each run completes at most one snapshot here, and every run that reaches a dead end completed it.
    expect(c.completions).toBeGreaterThanOrEqual(c.deadEnds);
    expect(c.completions).toBeLessThanOrEqual(c.runs);
  });

  it('names the steps it never took, telling enabled from never enabled', () => {
    // Depth 1: a run acts or initiates, and stops; what that one step enabled is enabled, and nothing is delivered.
    const short = sim(spec, { seed: 1, runs: 200, depth: 1 });
    expect(short.coverage.completions).toBe(0);
    expect(short.coverage.depthBounded).toBe(200);
    const byName = new Map(short.coverage.classes.map((k) => [k.name, k]));
    expect(short.coverage.classes.filter((k) => k.kind === 'deliver' || k.kind === 'deliver-control').every((k) => k.taken === 0)).toBe(true);
    expect(byName.get('deliver control P0→P1')).toEqual({ name: 'deliver control P0→P1', kind: 'deliver-control', taken: 0, enabled: true });
    expect(byName.get('deliver control P1→P0')).toEqual({ name: 'deliver control P1→P0', kind: 'deliver-control', taken: 0, enabled: false });
    expect(byName.get('initiate at P0')?.taken).toBeGreaterThan(0);
  });

  it('stops at the time limit, and says so', () => {
    const timed = sim(bankModel('complete:4', 'fifo', 2, 2), { seed: 3, runs: 1_000_000_000, timeLimitMs: 300, maxAppStates: 1 });
    expect(timed.stats.stoppedBy).toBe('time-limit');
    expect(timed.coverage.runs).toBeGreaterThan(0);
    expect(timed.coverage.runs).toBeLessThan(1_000_000_000);
  });
});

describe('checks that need all of R', () => {
  it('are not checked where R cannot be enumerated within the bound, and the reason names the flag', () => {
    const r = sim(bankModel('complete:3', 'fifo'), { seed: 1, runs: 50, maxAppStates: 10 });
    expect(r.checks.reachable).toBe('not-checked');
    expect(r.checks.consistent).toBe('not-violated');
    expect(r.notChecked).toEqual([{ check: 'reachable', reason: 'needs all of R, which has more than 10 states (raise --max-states)' }]);
    expect(r.coverage.appStatesKnown).toBeNull();
  });
});

describe('what simulate finds, verify finds', () => {
  // Random small models, some with a broken algorithm or unordered channels: every violation simulate reports is one
  // verify reports for the same check, every cut it sees verify counts, and where verify finds nothing neither does
  // simulate. Not vacuous: some models must fail in both.
  it('on 40 random small models', () => {
    let failing = 0;
    fc.assert(
      fc.property(
        fc.record({
          ...smallModelFields(4),
          seed: fc.nat(),
        }),
        (m) => {
          const spec = smallModel(m);
          fc.pre(spec !== null);
          const v = verify(spec, { stopAtFirst: false });
          if (!v.ok) throw new Error(v.error.message);
          const s = sim(spec, { seed: m.seed, runs: 400 });
          if (s.violation !== null) failing++;
          // Every check a failing run broke (the same cut may break several) is one verify finds broken.
          for (const c of CHECKS) if (s.checks[c] === 'violated') expect(v.value.checks[c]).toBe('violated');
          for (const c of ['consistent', 'stable', 'invariant', 'terminates', 'reachable'] as const) if (v.value.checks[c] === 'holds') expect(s.checks[c]).toBe('not-violated');
          expect(s.coverage.cuts).toBeLessThanOrEqual(v.value.facts.cuts);
          expect(s.coverage.inconsistentCuts).toBeLessThanOrEqual(v.value.facts.inconsistentCuts);
        },
      ),
      { numRuns: 40, seed: 20261207 },
    );
    expect(failing).toBeGreaterThan(5);
  });
});

describe('bad input', () => {
  it('is one error, not a failing run: a workload handler that throws', () => {
    // R is cut at one state, so that the handler first throws inside a run fast-check makes.
    const hostile: Workload<number, number> = {
      name: 'hostile',
      init: () => 0,
      actions: (s) => (s < 2 ? [{ label: 'go', next: s + 1 }] : []),
      receive: (s) => ({ next: s }),
      invariants: { boom: (g) => (g.locals.some((x) => x === 2) ? (() => { throw new Error('no'); })() : true) },
    };
    const r = simulate({ name: 'h', topology: topology('complete:2'), workload: hostile as unknown as Workload<unknown, unknown> }, { seed: 1, runs: 10, maxAppStates: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ code: 'CC006', message: "predicate 'boom' threw: no" });
  });

  it('refuses bounds out of range', () => {
    expect(simulate(bankModel('complete:3', 'fifo'), { runs: 0 }).ok).toBe(false);
    expect(simulate(bankModel('complete:3', 'fifo'), { depth: 0 }).ok).toBe(false);
    expect(simulate(bankModel('complete:3', 'fifo'), { path: '1:2' }).ok).toBe(false);
  });
});

describe('the histogram of cut frequencies', () => {
  it('buckets by powers of two, and draws one bar per bucket', () => {
    expect(frequencyBuckets([9, 5, 4, 2, 1, 1])).toEqual([
      { label: '1×', cuts: 2 },
      { label: '2×', cuts: 1 },
      { label: '3–4×', cuts: 1 },
      { label: '5–8×', cuts: 1 },
      { label: '9–16×', cuts: 1 },
    ]);
    expect(histogramSvg([9, 5, 4, 2, 1, 1]).match(/<rect class="bar"/g)).toHaveLength(5);
    expect(histogramSvg([])).toMatch(/no snapshot completed/);
  });
});

describe('cutcheck simulate', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const schemas = new URL('../docs/schema/', import.meta.url);
  for (const f of readdirSync(schemas).filter((n) => n.endsWith('.schema.json'))) ajv.addSchema(JSON.parse(readFileSync(new URL(f, schemas), 'utf8')) as object);

  it('exits 1 on a failing run, writes a trace that replay confirms and a report with the coverage histogram', () => {
    const trace = join(dir, 'cx.itf.json');
    const html = join(dir, 'cx.html');
    const r = cli('simulate', '-t', 'complete:3', '-c', 'unordered', '--seed', '5', '--trace-out', trace, '--report', html);
    expect(r.code).toBe(1);
    // The inconsistent cut breaks reachable and the invariant too, at the same step.
    expect(r.out).toMatch(/✗ consistent {2}✗ reachable {2}. stable {2}✗ invariant {2}~ terminates/);
    expect(r.out).toMatch(/replay it: cutcheck simulate --topology complete:3 --workload bank:1,1 --channels unordered --depth 1000 --seed 5 --path [\d:]+/);
    expect(r.out).toMatch(/verdict: VIOLATED/);
    const replayed = cli('replay', trace);
    expect(replayed.code).toBe(1);
    expect(replayed.out).toMatch(/consistent/);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/cutcheck-diagram/);
    expect(page).toMatch(/cutcheck-histogram/);
    // The printed replay command gives the same failing run.
    const path = /--path ([\d:]+)/.exec(r.out)?.[1] ?? '';
    const again = cli('simulate', '-t', 'complete:3', '-c', 'unordered', '--seed', '5', '--path', path, '--json');
    expect(again.code).toBe(1);
    const j = JSON.parse(again.out) as { coverage: { runs: number }; violation: { check: string } };
    expect(j.coverage.runs).toBe(1);
    expect(j.violation.check).toBe('consistent');
  });

  it('prints JSON that validates against its schema, exit 0 when no run fails', () => {
    const r = cli('simulate', '-t', 'ring:3', '-w', 'token:2', '--runs', '200', '--seed', '3', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as SimulateResult & { kind: string };
    expect(j.kind).toBe('simulate');
    const validate = ajv.getSchema('urn:cutcheck:schema:simulate:1');
    expect(validate?.(j) === true ? '' : ajv.errorsText(validate?.errors)).toBe('');
    expect(j.coverage.runs).toBe(200);
    const broken = { ...j, coverage: { ...j.coverage, runs: -1 } };
    expect(validate?.(broken)).toBe(false);
  });

  it('reads the share of cuts from a verify --json result of the same model, and refuses another model', () => {
    const known = join(dir, 'known.json');
    writeFileSync(known, cli('verify', '-t', 'complete:3', '--continue', '--json').out);
    const r = cli('simulate', '-t', 'complete:3', '--runs', '500', '--seed', '1', '--known', known);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ of 114 distinct cuts \(\d+(\.\d)?% of those an exhaustive search records\)/);
    const other = cli('simulate', '-t', 'ring:3', '--known', known);
    expect(other.code).toBe(2);
    expect(other.err.trim().split('\n')).toHaveLength(1);
    expect(other.err).toMatch(/is a result for another model/);
  });

  it.each([
    [['--runs', '0'], /--runs takes a whole number from 1/],
    [['--depth', 'x'], /--depth takes a whole number/],
    [['--path', '1:2'], /--path replays a failing run only with the --seed/],
    [['--seed', '1', '--path', 'a'], /--path takes fast-check's path/],
    [['--continue'], /'simulate' does not take --continue/],
    [['--shard', '0/2'], /'simulate' does not take --shard/],
    [['--member', '1'], /--member I runs member I of --swarm K/],
    [['--swarm', '2', '--member', '2'], /with I below K; got 2 of 2/],
    [['--swarm', '2', '--seed', '1', '--path', '1:2'], /--path replays one failing run/],
    [['--order', 'sideways'], /--order takes forward or reverse/],
    [['-t', 'nonsense:3'], /topology/],
  ])('refuses %j in one line, exit 2', (flags, message) => {
    const r = cli('simulate', ...flags);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });
});

describe('swarms', () => {
  it('diversify their members: seeds apart, depth bounds from a quarter to all, step orders alternating', () => {
    const members = [0, 1, 2, 3, 4].map((i) => memberSettings({ seed: 7, depth: 100, runs: 1001 }, 5, i, true));
    expect(members.map((m) => m.depth)).toEqual([25, 50, 75, 100, 25]);
    expect(members.map((m) => m.order)).toEqual(['forward', 'reverse', 'forward', 'reverse', 'forward']);
    expect(new Set(members.map((m) => m.seed)).size).toBe(5);
    expect(members.reduce((a, m) => a + m.runs, 0)).toBe(1001);
    // --workers: alike but for their seeds.
    const alike = [0, 1].map((i) => memberSettings({ seed: 7, depth: 100, runs: 10 }, 2, i, false));
    expect(alike.map((m) => [m.depth, m.order, m.runs])).toEqual([[100, 'forward', 5], [100, 'forward', 5]]);
  });

  it('read the enabled steps in reverse order when told, which makes other runs from the same seed', () => {
    const spec = bankModel('complete:3', 'fifo');
    const forward = sim(spec, { seed: 11, runs: 200 });
    const reverse = sim(spec, { seed: 11, runs: 200, order: 'reverse' });
    expect(reverse.coverage.runs).toBe(200);
    expect(reverse.coverage.actions).not.toEqual(forward.coverage.actions);
  });

  it('run as processes give what their members give one by one, merged', () => {
    const flags = ['-t', 'complete:3', '--swarm', '3', '--seed', '5', '--runs', '600'];
    const whole = cli('simulate', ...flags, '--json');
    expect(whole.code).toBe(0);
    const files = [0, 1, 2].map((i) => {
      const r = cli('simulate', ...flags, '--member', String(i));
      expect(r.code).toBe(0);
      const file = join(dir, `member-${i}.json`);
      writeFileSync(file, r.out);
      return file;
    });
    const merged = cli('merge', ...files, '--json');
    expect(merged.code).toBe(0);
    const a = JSON.parse(whole.out) as SimulateResult;
    const b = JSON.parse(merged.out) as SimulateResult;
    expect(b.coverage).toEqual(a.coverage);
    expect(a.coverage.runs).toBe(600);
    const missing = cli('merge', files[0] as string, files[2] as string);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/member 1\/3 of the swarm is missing/);
  });

  it('find the unordered violation, and the printed replay command makes its failing run alone', () => {
    const r = cli('simulate', '-t', 'complete:3', '-c', 'unordered', '--swarm', '2', '--seed', '3');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/a swarm of 2 members/);
    const replay = /replay it: cutcheck simulate (.*)/.exec(r.out)?.[1] ?? '';
    const again = cli('simulate', ...replay.split(' '), '--json');
    expect(again.code).toBe(1);
    const j = JSON.parse(again.out) as SimulateResult;
    expect(j.coverage.runs).toBe(1);
    expect(j.checks.consistent).toBe('violated');
  });
});
