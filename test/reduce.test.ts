// Reductions against the full search: on many small random models, partial-order and symmetry reduction give the
// same verdicts, check statuses, canonical facts and shortest counterexample lengths as the plain search.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bank, parseTopology, token, verify, type ModelSpec, type Workload } from '../src/index.ts';
import type { Account } from '../src/workloads/bank.ts';
import { CL_VARIANTS, type ClVariant } from '../src/model/types.ts';
import { resolveModel } from '../src/model/define.ts';
import { WorkloadTable } from '../src/system/intern.ts';
import { ProductSystem } from '../src/system/system.ts';
import { chandyLamport } from '../src/snapshot/chandy-lamport.ts';
import { appInfo } from '../src/reduce/appinfo.ts';
import { symmetryFor } from '../src/reduce/symmetry.ts';
import { porBlocker } from '../src/reduce/por.ts';
import { scriptModel, type ScriptEvent } from '../src/workloads/script.ts';

/** bank, except P1 starts richer: a workload no symmetry moving P1 may be used with. */
const lopsided = (): Workload<unknown, unknown> => {
  const b = bank(1, 1);
  return { ...b, name: 'lopsided', init: (ctx) => ({ balance: ctx.self === 1 ? 2 : 1, left: 1 }) as Account } as Workload<unknown, unknown>;
};

const arbSpec = fc
  .record({
    topology: fc.constantFrom('complete:2', 'complete:3', 'ring:3', 'ring:4', 'biring:3', 'star:3', 'line:3', 'edges:0>1,1>2,2>0,0>2'),
    workload: fc.oneof(
      fc.record({ kind: fc.constant('bank' as const), balance: fc.integer({ min: 1, max: 2 }), transfers: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('token' as const), hops: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ kind: fc.constant('lopsided' as const) }),
    ),
    discipline: fc.constantFrom('fifo' as const, 'unordered' as const),
    initiators: fc.oneof({ arbitrary: fc.constant<number[]>([0]), weight: 3 }, { arbitrary: fc.subarray([0, 1, 2, 3], { minLength: 1, maxLength: 2 }), weight: 1 }),
    variant: fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: fc.constantFrom(...CL_VARIANTS), weight: 1 }),
    snapshots: fc.constantFrom(1, 1, 1, 1, 1, 2),
    lossy: fc.constantFrom(false, false, false, false, false, true),
  })
  .map((m): ModelSpec<unknown, unknown> | null => {
    const t = parseTopology(m.topology);
    if (!t.ok) return null;
    const initiators = m.initiators.filter((p) => p < t.value.n);
    if (initiators.length === 0) return null;
    const w = m.workload;
    const workload = (w.kind === 'bank' ? bank(w.balance, w.transfers) : w.kind === 'token' ? token(w.hops) : lopsided()) as Workload<unknown, unknown>;
    return {
      name: 'random',
      topology: t.value,
      workload,
      network: { discipline: m.discipline, ...(m.lossy ? { faults: { lossy: true, budget: 1 } } : {}) },
      algorithm: { kind: 'chandy-lamport', initiators, ...(m.variant === null ? {} : { variant: m.variant as ClVariant }), snapshots: m.snapshots },
    };
  });

const run = (spec: ModelSpec<unknown, unknown>, reduce: boolean, stopAtFirst: boolean) => {
  const r = verify(spec, { stopAtFirst, partialOrder: reduce, symmetry: reduce, workers: 1, maxStates: 400_000 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/**
 * A script on a small topology: a few sends (some that must wait for tokens) and one to three placed snapshots, in
 * one global order or each process's own, on FIFO or unordered channels, following one snapshot when there are more.
 */
const arbScript = fc
  .record({
    topology: fc.constantFrom('complete:2', 'ring:3', 'biring:3', 'edges:0>1,1>2,2>0,0>2', 'complete:3'),
    tokens: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
    sends: fc.array(fc.record({ channel: fc.nat(5), tokens: fc.integer({ min: 1, max: 2 }) }), { maxLength: 4 }),
    snapshots: fc.array(fc.record({ at: fc.nat(2), place: fc.nat(5) }), { minLength: 1, maxLength: 3 }),
    order: fc.constantFrom('global' as const, 'process' as const),
    discipline: fc.constantFrom('fifo' as const, 'fifo' as const, 'unordered' as const),
    track: fc.nat(2),
  })
  .map((m): ModelSpec<unknown, unknown> => {
    const t = parseTopology(m.topology);
    if (!t.ok) throw new Error(t.error.message);
    const { n, channels } = t.value;
    const events: ScriptEvent[] = m.sends.map((x) => {
      const c = channels[x.channel % channels.length] as { from: number; to: number };
      return { kind: 'send', from: c.from, to: c.to, tokens: x.tokens };
    });
    [...m.snapshots].sort((a, b) => a.place - b.place).forEach((x, i) => events.splice(Math.min(x.place + i, events.length), 0, { kind: 'snapshot', at: x.at % n }));
    const track = m.snapshots.length > 1 ? { track: m.track % m.snapshots.length } : {};
    const spec = scriptModel('random script', t.value, m.tokens.slice(0, n), events, { order: m.order, discipline: m.discipline, ...track });
    if (!spec.ok) throw new Error(spec.error.message);
    return spec.value as ModelSpec<unknown, unknown>;
  });

describe('reductions against the full search', () => {
  it('leave the verdicts, facts and cuts of scripts unchanged, with snapshots followed alone or not, in either order', () => {
    const both = (spec: ModelSpec<unknown, unknown>, reduce: boolean) => {
      const r = verify(spec, { stopAtFirst: false, partialOrder: reduce, workers: 1, maxStates: 400_000, cuts: true });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    let reducedSomewhere = false;
    fc.assert(
      fc.property(arbScript, (spec) => {
        const full = both(spec, false);
        fc.pre(full.stats.exhaustive);
        const reduced = both(spec, true);
        expect(reduced.stats.reductions.partialOrder).toBe('on');
        expect([reduced.verdict, reduced.checks, reduced.facts]).toEqual([full.verdict, full.checks, full.facts]);
        const cuts = (r: typeof full) => (r.cuts ?? []).map((c) => JSON.stringify([c.snapshot, c.consistent, c.reachable, c.cut])).sort();
        expect(cuts(reduced)).toEqual(cuts(full));
        expect(reduced.violations.map((v) => [v.check, v.trace.steps.length])).toEqual(full.violations.map((v) => [v.check, v.trace.steps.length]));
        expect(reduced.stats.productStates).toBeLessThanOrEqual(full.stats.productStates);
        if (reduced.stats.productStates < full.stats.productStates) reducedSomewhere = true;
      }),
      { numRuns: 80, seed: 20261208 },
    );
    expect(reducedSomewhere).toBe(true);
  });

  it('leave every verdict, check, canonical fact and shortest counterexample length unchanged', () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        fc.pre(spec !== null);
        const s = spec as ModelSpec<unknown, unknown>;
        const full = run(s, false, false);
        fc.pre(full.stats.exhaustive);
        const reduced = run(s, true, false);
        expect(reduced.verdict).toBe(full.verdict);
        expect(reduced.checks).toEqual(full.checks);
        expect(reduced.facts).toEqual(full.facts);
        expect(reduced.violations.map((v) => [v.check, v.trace.steps.length])).toEqual(full.violations.map((v) => [v.check, v.trace.steps.length]));
        expect(reduced.stats.productStates).toBeLessThanOrEqual(full.stats.productStates);
      }),
      { numRuns: 70, seed: 20261127 },
    );
  });

  it('leave the recorded cuts unchanged: each snapshot\'s distinct cuts, and whether each is consistent and reachable', () => {
    const cuts = (spec: ModelSpec<unknown, unknown>, reduce: boolean) => {
      const r = verify(spec, { stopAtFirst: false, partialOrder: reduce, symmetry: reduce, workers: 1, maxStates: 400_000, cuts: true });
      if (!r.ok) throw new Error(r.error.message);
      // Sorted: partial-order reduction may lengthen a witness, and the list is ordered by witness length.
      return { exhaustive: r.value.stats.exhaustive, cuts: (r.value.cuts ?? []).map((c) => JSON.stringify([c.snapshot, c.consistent, c.reachable, c.cut])).sort() };
    };
    fc.assert(
      fc.property(arbSpec, (spec) => {
        fc.pre(spec !== null);
        const s = spec as ModelSpec<unknown, unknown>;
        const full = cuts(s, false);
        fc.pre(full.exhaustive);
        expect(cuts(s, true).cuts).toEqual(full.cuts);
      }),
      { numRuns: 30, seed: 20261207 },
    );
  });

  it('stop at a first violation exactly as short as the full search finds', () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        fc.pre(spec !== null);
        const s = spec as ModelSpec<unknown, unknown>;
        const full = run(s, false, true);
        const reduced = run(s, true, true);
        expect(reduced.verdict).toBe(full.verdict);
        const shortest = (r: typeof full) => Math.min(...r.violations.map((v) => v.trace.steps.length));
        expect(shortest(reduced)).toBe(shortest(full));
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('when the reductions apply', () => {
  const product = (topology: string, workload: Workload<unknown, unknown>, initiators = [0]) => {
    const t = parseTopology(topology);
    if (!t.ok) throw new Error(t.error.message);
    const m = resolveModel({ name: 's', topology: t.value, workload, algorithm: { kind: 'chandy-lamport', initiators } });
    if (!m.ok) throw new Error(m.error.message);
    const sys = new ProductSystem(m.value, new WorkloadTable(m.value), chandyLamport, 4, 1);
    return { sys, info: appInfo(m.value, sys.table, 4) };
  };

  it('uses the five symmetries of complete:4 that fix the initiator when every process runs bank', () => {
    const { sys, info } = product('complete:4', bank(1, 1) as Workload<unknown, unknown>);
    expect(symmetryFor(sys, info).perms).toHaveLength(5);
  });

  it('uses the mirror of biring:5 through P0, and nothing on a one-way ring', () => {
    const bi = product('biring:5', bank(1, 1) as Workload<unknown, unknown>);
    expect(symmetryFor(bi.sys, bi.info).perms).toHaveLength(1);
    const one = product('ring:5', bank(1, 1) as Workload<unknown, unknown>);
    expect(symmetryFor(one.sys, one.info).symmetry).toBeNull();
  });

  it('refuses symmetries that move the initiator set or a process the workload treats differently', () => {
    const two = product('complete:3', bank(1, 1) as Workload<unknown, unknown>, [0, 1]);
    expect(symmetryFor(two.sys, two.info).perms.map((g) => Array.from(g))).toEqual([[1, 0, 2]]);
    const odd = product('complete:3', lopsided());
    expect(symmetryFor(odd.sys, odd.info).symmetry).toBeNull();
  });

  it('keeps token symmetric under the swap of the two processes that do not start with it', () => {
    const { sys, info } = product('complete:3', token(3) as Workload<unknown, unknown>);
    expect(symmetryFor(sys, info).perms.map((g) => Array.from(g))).toEqual([[0, 2, 1]]);
  });

  it('switches partial-order reduction off for broken variants, repeated snapshots and faults, and says why', () => {
    const { sys, info } = product('complete:3', bank(1, 1) as Workload<unknown, unknown>);
    expect(porBlocker(sys, info)).toBeNull();
    const m = resolveModel({ name: 'f', topology: sys.model.topology, workload: bank(1, 1) as Workload<unknown, unknown>, network: { discipline: 'fifo', faults: { lossy: true } } });
    if (!m.ok) throw new Error(m.error.message);
    const faulty = new ProductSystem(m.value, new WorkloadTable(m.value), chandyLamport, 4, 1);
    expect(porBlocker(faulty, info)).toMatch(/fault/);
    const twice = new ProductSystem(sys.model, sys.table, chandyLamport, 4, 2);
    expect(porBlocker(twice, info)).toMatch(/one snapshot/);
  });
});
