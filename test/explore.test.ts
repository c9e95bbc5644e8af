// The compact search's parts, each against a plain reference: the visited set, the frontier records, the trail,
// and the worker threads, which must find exactly what one thread finds.
import { describe, expect, it } from 'vitest';
import { bank, complete, parseTopology, token, verify, type Workload } from '../src/index.ts';
import { ADDED, FingerprintSet, SEEN } from '../src/explore/fpset.ts';
import { ByteStream } from '../src/explore/memory.ts';
import { RunningHashes, SegmentReader, writeChild, writeHeader } from '../src/explore/records.ts';
import { Keys, ZH, fullHash } from '../src/explore/zobrist.ts';
import { fullExpander } from '../src/explore/expander.ts';
import { search } from '../src/explore/search.ts';
import { resolveModel } from '../src/model/define.ts';
import { WorkloadTable } from '../src/system/intern.ts';
import { ProductSystem } from '../src/system/system.ts';
import { replayCodes } from '../src/system/replay.ts';
import { chandyLamport } from '../src/snapshot/chandy-lamport.ts';
import { exploreProduct } from '../src/reduce/product.ts';
import type { Expansion } from '../src/explore/expand.ts';
import { Runner } from '../src/explore/runner.ts';
import { CTL, type SharedHandles } from '../src/explore/shared.ts';
import { ALGORITHM_CLOSURE_ROWS } from '../src/reduce/recipe.ts';

const productOf = (topology: string, workload: Workload<unknown, unknown>, discipline: 'fifo' | 'unordered' = 'fifo'): ProductSystem => {
  const t = parseTopology(topology);
  if (!t.ok) throw new Error(t.error.message);
  const m = resolveModel({ name: 't', topology: t.value, workload, network: { discipline } });
  if (!m.ok) throw new Error(m.error.message);
  return new ProductSystem(m.value, new WorkloadTable(m.value), chandyLamport, 4, 1);
};

describe('the visited set', () => {
  it('keeps every fingerprint while it grows in place, many times over, and stays at least half full', () => {
    const set = FingerprintSet.create(16, false);
    const slotsBefore = set.slots;
    const n = 200_000;
    let added = 0;
    let lowest = 1;
    for (let i = 0; i < n; i++) {
      if (set.insert(Math.imul(i, 0x9e3779b1), Math.imul(i, 0x85ebca6b) ^ 7) === ADDED) added++;
      set.added(1);
      if (set.wantsGrowth(1)) {
        set.grow();
        lowest = Math.min(lowest, set.size / set.slots);
      }
    }
    expect(added).toBe(n);
    expect(set.slots).toBeGreaterThan(slotsBefore * 16);
    expect(lowest).toBeGreaterThan(0.5);
    let seen = 0;
    for (let i = 0; i < n; i++) if (set.insert(Math.imul(i, 0x9e3779b1), Math.imul(i, 0x85ebca6b) ^ 7) === SEEN) seen++;
    expect(seen).toBe(n);
    expect(set.size).toBe(n);
  });

  it('tells apart fingerprints that share their high word', () => {
    const set = FingerprintSet.create(16, false);
    for (let lo = 1; lo <= 100; lo++) expect(set.insert(42, lo)).toBe(ADDED);
    for (let lo = 1; lo <= 100; lo++) expect(set.insert(42, lo)).toBe(SEEN);
  });
});

describe('frontier records', () => {
  it('decode to the states they encode, with the fingerprints a full hash gives', () => {
    const w = 40;
    const keys = new Keys(w);
    const out = ByteStream.create(1024, false);
    const vecOf = (k: number) => Int32Array.from({ length: w }, (_, i) => ((i * 7 + k) % 11 === 0 ? (k * 31 + i) % 900 - 300 : 0));
    const lastParent = new Int32Array(w);
    const want: Int32Array[] = [];
    for (let p = 0; p < 30; p++) {
      const parent = vecOf(p);
      writeHeader(out, lastParent, parent, w);
      for (let c = 0; c < p % 4; c++) {
        const child = vecOf(100 + 7 * p + c);
        const pos = Int32Array.from({ length: w }, (_, i) => i).filter((i) => child[i] !== parent[i]);
        writeChild(out, c, pos, Int32Array.from(pos, (i) => child[i] as number), 0, pos.length);
        want.push(child);
      }
    }
    const reader = new SegmentReader(w, keys, [null]);
    reader.begin();
    const vec = new Int32Array(w);
    const h = new RunningHashes(keys, [null]);
    let at = 0;
    for (const child of want) {
      at = reader.next(out.bytes, at, vec, h);
      expect(Array.from(vec)).toEqual(Array.from(child));
      fullHash(keys, child, null);
      expect([h.his[0], h.los[0]]).toEqual([ZH.hi, ZH.lo]);
    }
  });
});

/** A plain breadth-first search keyed by the whole vector as text: the reference for the compact search. */
function plainSearch(sys: ProductSystem): { states: number; transitions: number; depth: number; depthOf: Map<string, number> } {
  const root = new Int32Array(sys.width);
  sys.initial(root);
  const depthOf = new Map<string, number>([[root.join(','), 0]]);
  let level: Int32Array[] = [root];
  let transitions = 0;
  let depth = 0;
  const scratch = new Int32Array(sys.width);
  while (level.length > 0) {
    const next: Int32Array[] = [];
    for (const cur of level)
      sys.successors(cur, scratch, (vec, _code, event) => {
        transitions++;
        const v = vec.slice();
        if (event !== 0) sys.settle(v);
        const key = v.join(',');
        if (depthOf.has(key)) return;
        depthOf.set(key, depth + 1);
        next.push(v);
      });
    if (next.length > 0) depth++;
    level = next;
  }
  return { states: depthOf.size, transitions, depth, depthOf };
}

/** The state a path reaches, as the search stores it: settled after a step that raised events. */
function reached(sys: ProductSystem, codes: readonly number[]): string {
  const replay = replayCodes(sys, codes);
  if (!replay.ok) return replay.error.message;
  const last = (replay.value.states.at(-1) as Int32Array).slice();
  if ((replay.value.events.at(-1) ?? 0) !== 0) sys.settle(last);
  return last.join(',');
}

describe('the compact search', () => {
  it('finds the states, transitions and depth of a plain breadth-first search', () => {
    const sys = productOf('complete:3', bank(1, 1) as Workload<unknown, unknown>, 'unordered');
    const plain = plainSearch(sys);
    const compact = search(fullExpander(sys), {});
    expect(plain.states).toBeGreaterThan(1000);
    expect([compact.states, compact.transitions, compact.depth]).toEqual([plain.states, plain.transitions, plain.depth]);
  });

  it('hands onState every state once, numbered as pathTo numbers it, at its least depth', () => {
    const sys = productOf('ring:3', bank(1, 1) as Workload<unknown, unknown>, 'unordered');
    const plain = plainSearch(sys);
    const seen = new Map<number, { key: string; depth: number }>();
    const compact = search(fullExpander(sys), { onState: (vec, id, depth) => (seen.set(id, { key: vec.join(','), depth }), false) });
    expect(seen.size).toBe(compact.states);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: compact.states }, (_, i) => i));
    for (const [id, { key, depth }] of seen) {
      expect(depth).toBe(plain.depthOf.get(key));
      const codes = compact.store.pathTo(id);
      expect(codes.length).toBe(depth);
      expect(reached(sys, codes)).toBe(key);
    }
  });

  it('hands onSuccessor every step it follows, from the state it numbered, to the state that step reaches', () => {
    const sys = productOf('complete:3', token(2) as Workload<unknown, unknown>, 'unordered');
    const keyOf = new Map<number, string>();
    const steps: { parent: number; code: number; to: string }[] = [];
    let wrongParent = 0;
    const compact = search(fullExpander(sys), {
      onState: (vec, id) => (keyOf.set(id, vec.join(',')), false),
      onSuccessor: (cur, parent, vec, code) => {
        if (keyOf.get(parent) !== cur.join(',')) wrongParent++;
        steps.push({ parent, code, to: vec.join(',') });
      },
    });
    expect(steps.length).toBe(compact.transitions);
    expect(steps.length).toBeGreaterThan(keyOf.size);
    expect(wrongParent).toBe(0);
    const wrongStep = steps.filter(({ parent, code, to }) => reached(sys, [...compact.store.pathTo(parent), code]) !== to);
    expect(wrongStep).toEqual([]);
  });

  it('refuses per-state hooks on more than one thread', () => {
    const sys = productOf('ring:3', token(2) as Workload<unknown, unknown>);
    const parallel = { threads: 2, from: 64, builder: { module: 'none', data: null } };
    expect(() => search(fullExpander(sys), { onState: () => false }, { parallel })).toThrow(/one thread/);
  });

  it('rebuilds from the trail a path to any state that replays step by step', () => {
    const sys = productOf('biring:3', bank(1, 1) as Workload<unknown, unknown>);
    const depths: number[] = [];
    const compact = search(fullExpander(sys), { onTerminal: (_v, id, depth) => (depths[id] = depth, false) });
    const ids = depths.flatMap((d, id) => (d === undefined ? [] : [id]));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const codes = compact.store.pathTo(id);
      expect(codes.length).toBe(depths[id]);
      const replay = replayCodes(sys, codes);
      expect(replay.ok).toBe(true);
    }
  });
});

describe('worker threads', () => {
  const closes = (algorithm: string, n: number): boolean => {
    const m = resolveModel({ name: 't', topology: complete(n), workload: bank(1, 1) as Workload<unknown, unknown>, algorithm });
    if (!m.ok) throw new Error(m.error.message);
    const sys = new ProductSystem(m.value, new WorkloadTable(m.value), m.value.algorithm.impl, 4, 1);
    return sys.alg.close(ALGORITHM_CLOSURE_ROWS * (sys.n + sys.channelCount), false);
  };

  it("are handed Chandy-Lamport's closed tables however large the topology, and give up on Lai-Yang's counters", () => {
    expect(closes('chandy-lamport', 3)).toBe(true);
    expect(closes('chandy-lamport', 12)).toBe(true);
    expect(closes('lai-yang', 3)).toBe(false);
  });

  it('find exactly the states, transitions and events one thread finds', () => {
    const sys = () => productOf('complete:3', bank(1, 2) as Workload<unknown, unknown>);
    const count = (workers: number) => {
      const events: number[] = [];
      const o = exploreProduct(sys(), { onEvent: (_v, _e, _p, _c, depth) => (events.push(depth), false) }, {
        workers, parallelFrom: 64, partialOrder: false, symmetry: false,
      });
      return { states: o.states, transitions: o.transitions, depth: o.depth, threads: o.reductions.threads, events: events.sort((a, b) => a - b) };
    };
    const one = count(1);
    const two = count(2);
    expect(two.threads).toBe(2);
    expect({ ...two, threads: 1 }).toEqual(one);
  });

  it('give the same verdicts and facts as one thread, with reductions on and a violation to report', () => {
    const spec = { name: 'w', topology: complete(3), workload: token(5), network: { discipline: 'unordered' as const } };
    const a = verify(spec, { stopAtFirst: false, workers: 1 });
    const b = verify(spec, { stopAtFirst: false, workers: 2, parallelFrom: 32 });
    if (!a.ok || !b.ok) throw new Error('verify failed');
    expect(b.value.facts).toEqual(a.value.facts);
    expect(b.value.checks).toEqual(a.value.checks);
    expect(b.value.violations.map((v) => [v.check, v.trace.steps.length])).toEqual(a.value.violations.map((v) => [v.check, v.trace.steps.length]));
  });
});

describe('the state bound shared by threads', () => {
  // Two runners on one control block, driven by hand from this thread, so each interleaving is exact.
  const pair = (maxStates: number) => {
    const threads = 2;
    const buf = () => new ArrayBuffer(1 << 10);
    const h = { ctl: new Int32Array(CTL.EVENTS + 4 * threads), frontier: [[buf(), buf()], [buf(), buf()]], events: [buf(), buf()] } as unknown as SharedHandles;
    const stored = { count: 0 };
    const set = { added: (n: number) => (stored.count += n) } as unknown as FingerprintSet;
    const runner = (thread: number) => {
      const exp = { budget: 0, fresh: 0, stopped: false, overBudget: () => true } as unknown as Expansion;
      const r = new Runner(thread, threads, h, exp, set, maxStates);
      // What Expansion does for each new state: count it, and claim more once past what it holds.
      const store = (): boolean => ++exp.fresh > exp.budget && exp.overBudget();
      return { r, exp, store };
    };
    return { h, stored, a: runner(1), b: runner(0) };
  };

  it('is not called reached while another thread holds claims it has not used', () => {
    const { h, a, b } = pair(100);
    expect(a.store()).toBe(false);
    expect(a.exp.budget).toBeGreaterThan(1);
    while (Atomics.load(h.ctl, CTL.RESERVED) < 100) expect(b.store()).toBe(false);
    // b is refused while a still holds what it claimed; the search stops for another reason, so b stops without
    // calling the bound reached.
    Atomics.store(h.ctl, CTL.STOP, 1);
    expect(b.store()).toBe(false);
    expect(b.exp.stopped).toBe(true);
  });

  it('hands claims a thread gives back to the thread that was refused', () => {
    const { h, stored, a, b } = pair(100);
    a.store();
    const held = a.exp.budget - a.exp.fresh;
    while (Atomics.load(h.ctl, CTL.RESERVED) < 100) b.store();
    const before = b.exp.budget;
    a.r.flush();
    expect(Atomics.load(h.ctl, CTL.RESERVED)).toBe(100 - held);
    expect(b.store()).toBe(false);
    expect(b.exp.budget).toBeGreaterThan(before);
    a.r.flush();
    b.r.flush();
    expect(stored.count).toBeLessThanOrEqual(100);
    expect(Atomics.load(h.ctl, CTL.RESERVED)).toBe(stored.count);
  });

  it('is reached for good when nobody holds anything unused, and a refusal keeps nothing of the bound', () => {
    const { h, stored, a, b } = pair(100);
    a.store();
    a.r.flush();
    let refused = false;
    for (let i = 0; i < 200 && !refused; i++) refused = b.store();
    expect(refused).toBe(true);
    b.r.flush();
    expect(stored.count).toBe(101);
    expect(Atomics.load(h.ctl, CTL.RESERVED)).toBe(100);
    expect(a.store()).toBe(true);
  });
});
