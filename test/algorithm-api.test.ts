// The public algorithm API, as a user meets it: an algorithm written in a model file (models/), verified from the
// CLI and through the API; the built-in Chandy-Lamport rebuilt in a few lines from the same effects, with the same
// facts; worker threads with a user's algorithm; and one clear line for every mistake a handler can make.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendMessage, bank, complete, completeLocally, defineAlgorithm, recordState, sendControl, startRecording, stopRecording, verify,
  type AlgorithmSpec, type ModelSpec, type SnapshotAlgorithm,
} from '../src/index.ts';
import userModel, { alignedMarkers } from '../models/user-aligned-markers.ts';
import { CLI_MAIN } from './cli-main.ts';

const REPO = new URL('..', import.meta.url).pathname;
const cli = (args: readonly string[]) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, cwd: REPO, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** Chandy-Lamport from the public effects alone: the state is how many in-channels are still being recorded. */
const userCl = defineAlgorithm<'idle' | number>({
  name: 'my-chandy-lamport',
  init: () => 'idle',
  initiate: (s, ctx) => (s === 'idle' ? start(ctx.in, ctx.out, null) : null),
  control: (s, m, ctx) => {
    if (s === 'idle') return start(ctx.in, ctx.out, m.from);
    if (!m.recording || s === 0) return {};
    return { next: s - 1, effects: s === 1 ? [stopRecording(m.from), completeLocally()] : [stopRecording(m.from)] };
  },
  receive: (_s, m) => (m.recording ? { effects: [appendMessage()] } : {}),
});
function start(ins: readonly number[], outs: readonly number[], via: number | null) {
  const open = ins.filter((q) => q !== via);
  return { next: open.length, effects: [recordState(), ...outs.map((q) => sendControl(q)), ...open.map((q) => startRecording(q)), ...(open.length === 0 ? [completeLocally()] : [])] };
}

const model = (kind: AlgorithmSpec['kind'], discipline: 'fifo' | 'unordered' = 'fifo'): ModelSpec =>
  ({ name: 'm', topology: complete(3), workload: bank(1, 1), network: { discipline }, algorithm: { kind, initiators: [0] } }) as ModelSpec;

const verified = (spec: ModelSpec, options: Parameters<typeof verify>[1] = {}) => {
  const r = verify(spec, { stopAtFirst: false, ...options });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('an algorithm written in a model file', () => {
  it('holds every check on the diamond it ships with, through the public API', () => {
    const r = verified(userModel as ModelSpec);
    expect(r.verdict).toBe('holds');
    expect(r.model.algorithm).toBe('aligned-markers');
    // Pinned from the engine; every cut is consistent and reachable, so the facts are the verdict's, not a reference's.
    expect(r.facts).toEqual({ appStates: 45, cuts: 12, inconsistentCuts: 0, unreachableCuts: 0, shortestInconsistent: null });
  });

  it('deadlocks on a cycle, where every process waits for a marker that is held back', () => {
    const r = verified({ ...(userModel as ModelSpec), topology: complete(3) });
    expect(r.checks.terminates).toBe('violated');
    const v = r.violations.find((x) => x.check === 'terminates');
    expect(v?.explanation).toMatch(/P1, P2 never record; .* held back by their receivers, waiting for markers that cannot come/);
    expect(v?.trace.steps.some((s) => s.effects.some((e) => e.endsWith('held back (blocked)')))).toBe(true);
  });

  it('is verified from the command line, by file', () => {
    const r = cli(['verify', 'models/user-aligned-markers.ts', '--no-progress']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/aligned-markers from P0/);
    expect(r.out).toMatch(/verdict: HOLDS/);
  });

  it('runs on two search threads, its tables closed and handed over, with the facts of one', () => {
    const one = verified(userModel as ModelSpec, { workers: 1 });
    const two = verified(userModel as ModelSpec, { workers: 2, parallelFrom: 8 });
    expect(two.stats.reductions.threads).toBe(2);
    expect(two.facts).toEqual(one.facts);
    expect(two.stats.productStates).toBe(one.stats.productStates);
    expect(alignedMarkers.name).toBe('aligned-markers');
  });
});

describe('a counterexample of a built-in named with --algorithm', () => {
  it('is saved as a trace that replays with the same algorithm, reproducing the violation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cutcheck-alg-'));
    try {
      const trace = join(dir, 'ly.itf.json');
      const v = cli(['verify', '-t', 'complete:3', '-c', 'unordered', '--algorithm', 'lai-yang/no-count', '--trace-out', trace, '--no-progress']);
      expect(v.code).toBe(1);
      const doc = JSON.parse(readFileSync(trace, 'utf8')) as { '#meta': { model: { algorithm: string }; rebuild: { args: { algorithm: string } } } };
      expect(doc['#meta'].model.algorithm).toBe('lai-yang/no-count');
      expect(doc['#meta'].rebuild.args.algorithm).toBe('lai-yang/no-count');
      const r = cli(['replay', trace, '--no-progress']);
      expect(r.err).toBe('');
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/\(lost\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Chandy-Lamport rebuilt by a user from the public effects', () => {
  it.each(['fifo', 'unordered'] as const)('gives the built-in one\'s facts and verdict on %s channels', (discipline) => {
    const builtin = verified(model('chandy-lamport', discipline), { partialOrder: false, symmetry: false });
    const mine = verified(model(userCl, discipline));
    expect(mine.facts).toEqual(builtin.facts);
    expect(mine.verdict).toBe(builtin.verdict);
    expect(mine.stats.productStates).toBe(builtin.stats.productStates);
  });
});

describe('a mistake in an algorithm', () => {
  const base: SnapshotAlgorithm<null> = { name: 'oops', init: () => null, initiate: () => ({ effects: [recordState(), completeLocally()] }), control: () => ({}) };
  const error = (a: unknown): string => {
    const r = verify({ ...model(a as SnapshotAlgorithm), topology: complete(2) });
    if (r.ok) throw new Error('expected an error');
    return `${r.error.code} ${r.error.message}`;
  };

  it.each([
    ['an unknown effect kind', { ...base, initiate: () => ({ effects: [{ kind: 'snapshot' }] }) }, /^CC006 algorithm 'oops' initiate at P0: unknown effect kind "snapshot"; expected one of record, /],
    ['a channel it does not have', { ...base, initiate: () => ({ effects: [sendControl(7)] }) }, /^CC006 algorithm 'oops' initiate at P0: sends to 7, but there is no channel 0>7$/],
    ['append outside receive', { ...base, initiate: () => ({ effects: [appendMessage()] }) }, /^CC006 .*'append' adds the arriving application message, so it belongs in receive$/],
    ['a misspelt key', { ...base, initiate: () => ({ nxt: null }) }, /^CC006 algorithm 'oops': .*'nxt'.*did you mean 'next'/],
    ['a handler that throws', { ...base, initiate: () => { throw new Error('boom'); } }, /^CC006 algorithm 'oops' initiate at P0 threw: boom$/],
    ['completion before recording', { ...base, initiate: () => ({ effects: [completeLocally()] }) }, /^CC006 algorithm 'oops' declared P0 done with the snapshot before it recorded its state$/],
    ['a state that is not data', { ...base, initiate: () => ({ next: new Map() }) }, /^CC006 algorithm 'oops' initiate at P0's next state cannot be a state or message/],
    ['no control handler', { name: 'oops', init: () => null, initiate: () => null }, /^CC005 algorithm 'oops' needs init, initiate and control functions; control is undefined$/],
    ['a built-in\'s name', { ...base, name: 'lai-yang' }, /^CC005 the name 'lai-yang' belongs to a built-in algorithm; give yours a name of its own$/],
  ])('(%s) is one line naming the algorithm and the handler', (_what, a, pattern) => {
    expect(error(a)).toMatch(pattern);
  });

  it('names the built-in algorithms when a name is unknown, in the model and on the command line', () => {
    expect(error('lai-young')).toMatch(/^CC005 unknown snapshot algorithm 'lai-young'; the built-in ones are chandy-lamport, lai-yang, abs, at-least-once, unaligned, chandy-lamport\/ignore-ids/);
    const r = cli(['verify', '--algorithm', 'lai-young']);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^cutcheck: error CC007 .*unknown algorithm 'lai-young'; the built-in ones are chandy-lamport, lai-yang, /);
  });

  it('lists the built-ins with a line each in cutcheck help algorithms', () => {
    const r = cli(['help', 'algorithms']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}lai-yang {2,}Lai-Yang \(1987\)/m);
    expect(r.out).toMatch(/^ {2}chandy-lamport\/close-all {2,}Chandy-Lamport broken on purpose/m);
  });
});
