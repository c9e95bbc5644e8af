// The recorded cuts as data: verify's `cuts` option and `onCut`, the workload's `recorded` projection, and the witness
// of each cut (the command line's --cuts-out is in test/cuts.test.ts).
import { describe, expect, it } from 'vitest';
import { edges, execute, scriptModel, stepLists, verify, type ModelSpec, type RecordedCut, type Workload } from '../../src/index.ts';
import { model, must, topology } from './models.ts';


const unorderedBank = model('complete:2', 'bank:1,1', { network: { discipline: 'unordered' } });
const cutsOf = (spec: ModelSpec<unknown, unknown>, workers = 1, reduce = true): readonly RecordedCut[] =>
  must(verify(spec, { workers, stopAtFirst: false, cuts: true, partialOrder: reduce, symmetry: reduce })).cuts ?? [];
/** A cut as one comparable line: snapshot, verdicts and contents (not the witness, which threads may change). */
const line = (c: RecordedCut): string => JSON.stringify([c.snapshot, c.consistent, c.reachable, c.cut]);

describe('the cuts option', () => {
  it('lists each distinct cut once, agreeing with the facts on how many are inconsistent and unreachable', () => {
    const r = must(verify(unorderedBank, { workers: 1, stopAtFirst: false, cuts: true }));
    const cuts = r.cuts ?? [];
    expect(cuts).toHaveLength(r.facts.cuts);
    expect(new Set(cuts.map((c) => JSON.stringify(c.cut))).size).toBe(cuts.length);
    expect(cuts.filter((c) => !c.consistent)).toHaveLength(r.facts.inconsistentCuts);
    expect(cuts.filter((c) => !c.reachable)).toHaveLength(r.facts.unreachableCuts);
    expect(r.facts.inconsistentCuts).toBeGreaterThan(0);
  });

  it('tells apart cuts that differ only in the last process or the last channel, with every verdict as the facts count it', () => {
    for (const spec of [model('complete:3', 'bank:1,1', { network: { discipline: 'unordered' } }), model('ring:4', 'token:2', { network: { discipline: 'unordered' } })]) {
      const r = must(verify(spec, { workers: 1, stopAtFirst: false, cuts: true }));
      const cuts = r.cuts ?? [];
      expect(cuts).toHaveLength(r.facts.cuts);
      expect(cuts.filter((c) => !c.consistent)).toHaveLength(r.facts.inconsistentCuts);
      expect(cuts.filter((c) => !c.reachable)).toHaveLength(r.facts.unreachableCuts);
      expect(cuts.every((c) => c.snapshot === 0)).toBe(true);
      // Every one is recorded by its own witness: the last state of its run holds it.
      for (const c of cuts) expect(c.witness.steps.at(-1)?.after.processes.map((p) => p.recordedValue)).toEqual(c.cut.locals);
    }
  });

  it('keeps the verdicts of the very first cut found, here an inconsistent one', () => {
    // P0 sends, then starts the snapshot; on an unordered channel the marker may arrive first, and P1, which has no
    // channel back, completes the snapshot at once: the first completion found loses the message in flight.
    const spec = must(scriptModel('first', edges([[0, 1]]), [1, 0], [{ kind: 'send', from: 0, to: 1, tokens: 1 }, { kind: 'snapshot', at: 0 }], { discipline: 'unordered' })) as ModelSpec<unknown, unknown>;
    const r = must(verify(spec, { workers: 1, stopAtFirst: false, cuts: true }));
    expect(r.facts.inconsistentCuts).toBe(1);
    const first = r.cuts?.[0];
    expect([first?.witness.steps.length, first?.consistent, first?.reachable]).toEqual([3, false, false]);
    expect(r.cuts?.filter((c) => !c.consistent)).toHaveLength(1);
  });

  it('is absent unless asked for', () => {
    expect(must(verify(unorderedBank, { workers: 1 })).cuts).toBeUndefined();
  });

  it('orders the cuts by snapshot, then by the length of their witness, whatever the threads and reductions', () => {
    const spec = model('complete:3', 'bank:1,1', { algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } });
    const one = cutsOf(spec, 1, false);
    const lengths = one.map((c) => [c.snapshot, c.witness.steps.length]);
    expect(lengths).toEqual([...lengths].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number)));
    expect(new Set(one.map((c) => c.snapshot))).toEqual(new Set([0, 1]));
    expect(cutsOf(spec, 2, true).map(line)).toEqual(one.map(line));
  });

  it('gives each cut a witness that ends by completing that very snapshot, recording that very cut', () => {
    const spec = model('ring:3', 'token:2', { network: { discipline: 'unordered' }, algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } });
    const write = must(stepLists(spec));
    const cuts = cutsOf(spec);
    expect(cuts.length).toBeGreaterThan(10);
    for (const c of cuts) {
      const run = must(execute(spec, must(write(c.witness.codes))));
      const last = run.snapshots[run.snapshots.length - 1];
      expect([last?.snapshot, last?.completedAt]).toEqual([c.snapshot, c.witness.steps.length]);
      const end = c.witness.steps[c.witness.steps.length - 1]?.after;
      expect(end?.processes.map((p) => p.recordedValue)).toEqual(c.cut.locals);
      expect(end?.channels.map((ch) => ch.recordedValues ?? [])).toEqual(c.cut.channels.map((ch) => ch.messages));
    }
  });

  it('tells apart the same cut recorded by two snapshots of an execution', () => {
    const spec = model('complete:2', 'bank:1,1', { algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } });
    const r = must(verify(spec, { workers: 1, stopAtFirst: false, cuts: true }));
    const bySnapshot = [0, 1].map((s) => new Set((r.cuts ?? []).filter((c) => c.snapshot === s).map((c) => JSON.stringify(c.cut))));
    expect(bySnapshot[0]?.size).toBe(r.facts.cuts);
    expect(bySnapshot[1]).toEqual(bySnapshot[0]);
  });

  it('hands onCut each cut once, even when the search ran again with larger channels', () => {
    // Five records on one channel overflow the first channels (4 messages); the search then runs again at 8.
    const spec = model('pipeline:2', 'records:5', { algorithm: 'abs' });
    const seen: RecordedCut[] = [];
    const r = must(verify(spec, { workers: 1, stopAtFirst: false, onCut: (c) => seen.push(c) }));
    expect(r.stats.capacity).toBe(8);
    expect(seen).toHaveLength(r.facts.cuts);
    expect(new Set(seen.map(line)).size).toBe(seen.length);
  });
});

describe("the workload's recorded projection", () => {
  // Each process counts its steps (bookkeeping an implementation would not record) beside the tokens it holds, and
  // passes a token on at most twice.
  const counted: Workload<{ tokens: number; steps: number }, number> = {
    name: 'counted',
    init: (ctx) => ({ tokens: ctx.self === 0 ? 2 : 0, steps: 0 }),
    actions: (s, ctx) => (s.tokens > 0 && s.steps < 2 ? [{ label: 'pass', next: { tokens: s.tokens - 1, steps: s.steps + 1 }, sends: [{ to: (ctx.self + 1) % ctx.n, msg: 1 }] }] : []),
    receive: (s, _from, m) => ({ next: { tokens: s.tokens + m, steps: s.steps + 1 } }),
  };
  const spec = (w: Workload<{ tokens: number; steps: number }, number>) => ({ name: 'p', topology: topology('edges:0>1,1>0'), workload: w }) as ModelSpec<unknown, unknown>;

  it('merges cuts that differ only in what the implementation does not record', () => {
    const whole = must(verify(spec(counted), { workers: 1, stopAtFirst: false, cuts: true }));
    const projected = must(verify(spec({ ...counted, recorded: (s) => s.tokens }), { workers: 1, stopAtFirst: false, cuts: true }));
    // The checks judge whole states either way: the facts are the same.
    expect(projected.facts).toEqual(whole.facts);
    expect(whole.cuts).toHaveLength(whole.facts.cuts);
    const seen = new Set((whole.cuts ?? []).map((c) => JSON.stringify([c.cut.locals.map((s) => (s as { tokens: number }).tokens), c.cut.channels])));
    expect(projected.cuts?.map((c) => JSON.stringify([c.cut.locals, c.cut.channels])).sort()).toEqual([...seen].sort());
    expect(projected.cuts?.length).toBeLessThan(whole.facts.cuts);
    expect(projected.cuts?.every((c) => c.cut.locals.every((s) => typeof s === 'number'))).toBe(true);
  });

  it('is refused when it is not a function, throws, or returns nothing, in one line each', () => {
    const refuse = (recorded: unknown) => {
      const r = verify(spec({ ...counted, recorded } as Workload<{ tokens: number; steps: number }, number>), { workers: 1, cuts: true });
      return r.ok ? null : `${r.error.code} ${r.error.message}`;
    };
    expect(refuse('tokens')).toBe("CC005 model 'p': workload.recorded must be a function from a local state to what an implementation records of it");
    expect(refuse(() => {
      throw new Error('no');
    })).toBe("CC006 workload 'counted' recorded threw at P0: no");
    expect(refuse(() => undefined)).toBe("CC006 workload 'counted' recorded returned undefined at P0");
    expect(refuse(() => () => 1)).toMatch(/^CC006 what workload 'counted' records of a local state of P0 cannot be a state or message: it holds a function$/);
  });
});

