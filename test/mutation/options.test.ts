// verify's options, each doing what it says: progress reports per phase, an interrupt, the memory bound, the cut
// callback, the channel capacity (grown on demand, refused out of range), and the fault and model lines of the
// result. Pinned where the figures are the engine's own, asserted from their meaning where they are not.
import { describe, expect, it } from 'vitest';
import { parseTopology, verify, type AppView, type PhaseProgress } from '../../src/index.ts';
import { digest } from './digest.ts';
import { model, must } from './models.ts';
import { memoryGuard } from '../../src/check/verify.ts';


describe('progress, interrupts and bounds', () => {
  it('reports progress of each phase with its bound, the states counted so far', () => {
    const seen: PhaseProgress[] = [];
    const r = must(verify(model('complete:3', 'bank:1,2'), { workers: 1, stopAtFirst: false, onProgress: (p) => seen.push(p) }));
    // Progress comes every 250 ms: a run this short on a fast machine may report none.
    expect(seen.length > 0 || r.stats.elapsedMs < 250).toBe(true);
    expect(seen.every((p) => p.maxStates === r.stats.maxStates && (p.phase === 'application' || p.phase === 'snapshot'))).toBe(true);
    for (const p of seen) expect(p.states).toBeLessThanOrEqual(p.phase === 'application' ? r.stats.appStates : r.stats.productStates);
  });

  it('stops when interrupted before the search, with nothing settled', () => {
    const r = must(verify(model('ring:3', 'bank:1,1'), { workers: 1, interrupt: () => true }));
    expect(digest(r)).toMatchSnapshot();
    expect(r.stats.stoppedBy).toBe('interrupt');
    expect(r.verdict).toBe('incomplete');
  });

  it('stops when interrupted during the product search, keeping a violation found before', () => {
    let calls = 0;
    const spec = model('complete:3', 'bank:1,1', { network: { discipline: 'unordered' } });
    const r = must(verify(spec, { workers: 1, stopAtFirst: false, interrupt: () => ++calls > 40 }));
    expect(r.stats.stoppedBy).toBe('interrupt');
    expect(r.stats.exhaustive).toBe(false);
    expect(r.factsComplete).toBe(false);
    expect(r.checks.terminates).toBe('unknown');
    const all = must(verify(spec, { workers: 1, stopAtFirst: false }));
    expect(r.stats.productStates).toBeLessThan(all.stats.productStates);
    expect(r.stats.productStates).toBeGreaterThan(0);
  });

  it('stops at a memory bound it is already past, saying so', () => {
    const r = must(verify(model('ring:3', 'bank:1,1'), { workers: 1, maxMemoryBytes: 1 }));
    expect([r.stats.stoppedBy, r.verdict, r.stats.maxMemoryBytes]).toEqual(['memory-bound', 'incomplete', 1]);
  });

  it('defaults the memory bound to three quarters of the machine’s memory, and the state bound to what that holds', async () => {
    const { totalmem } = await import('node:os');
    const r = must(verify(model('edges:0>1', 'token:1'), { workers: 1 }));
    const memory = Math.floor(0.75 * totalmem());
    expect(r.stats.maxMemoryBytes).toBe(memory);
    // 32 bytes a state after 256 MiB for the process, between a million and the visited set's 400 million.
    expect(r.stats.maxStates).toBe(Math.max(1_000_000, Math.min(400_000_000, Math.floor((memory - 256 * 2 ** 20) / 32))));
    const small = must(verify(model('edges:0>1', 'token:1'), { workers: 1, maxMemoryBytes: 2 ** 30 }));
    expect(small.stats.maxStates).toBe(Math.floor((2 ** 30 - 256 * 2 ** 20) / 32));
  });

  // R's count may pass the bound by the successors of the states it stored, which it numbers as it meets them.
  it.each([1, 2, 3, 10, 60])('with a state bound of %d stores at most that many product states, and the one that finds it full', (bound) => {
    const r = must(verify(model('complete:3', 'bank:1,1'), { workers: 1, stopAtFirst: false, maxStates: bound }));
    expect(r.stats.productStates).toBeLessThanOrEqual(bound + 1);
    expect(r.stats.stoppedBy).toBe('state-bound');
    expect(digest(r)).toMatchSnapshot();
  });
});

describe('the cuts as they are recorded', () => {
  it('calls onCut once for each distinct cut, with the workload’s view of it', () => {
    const cuts: AppView<unknown, unknown>[] = [];
    const spec = model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'unordered' } });
    const r = must(verify(spec, { workers: 1, stopAtFirst: false, onCut: (c) => cuts.push(c.cut) }));
    expect(cuts).toHaveLength(r.facts.cuts);
    expect(new Set(cuts.map((c) => JSON.stringify(c))).size).toBe(cuts.length);
    expect(cuts.map((c) => JSON.stringify(c)).sort()).toMatchSnapshot();
  });
});

describe('channel capacity', () => {
  it.each([0, 257, 1.5, Number.NaN])('refuses a capacity of %s', (capacity) => {
    const r = verify(model('edges:0>1,1>0', 'bank:1,1'), { capacity });
    expect(r.ok ? null : r.error).toEqual({ code: 'CC008', message: `channel capacity must be a whole number from 1 to 256, got ${capacity}` });
  });

  it.each([1, 256])('accepts a capacity of %d', (capacity) => {
    expect(verify(model('edges:0>1', 'token:0'), { workers: 1, capacity }).ok).toBe(true);
  });

  it('grows from 4 by doubling as the workload needs, up to the bound given, with the facts of a roomy channel', () => {
    const runs = [1, 2, 3, 4, 5, 6].map((k) => {
      const spec = model('edges:0>1', `bank:${k},${k}`);
      const grown = must(verify(spec, { workers: 1, stopAtFirst: false }));
      const roomy = must(verify(spec, { workers: 1, stopAtFirst: false, capacity: 256 }));
      expect(digest(grown).slice(0, 2)).toEqual(digest(roomy).slice(0, 2));
      return [grown.stats.capacity, must(verify(spec, { workers: 1, capacity: 6 })).stats.capacity];
    });
    expect(runs).toMatchSnapshot();
    expect(runs.every(([grown]) => grown === 4 || grown === 8)).toBe(true);
  });

  it('names the channel that overflows the largest capacity', () => {
    const r = verify(model('edges:0>1', 'bank:9,9'), { workers: 1 });
    expect(r.ok ? null : r.error.message).toBe("channel P0→P1 would hold more than 8 messages; raise the capacity (--capacity, up to 256) or bound the workload's sends");
  });
});

describe('the model line of a result', () => {
  it.each([
    ['lossy', { lossy: true }],
    ['duplicating', { duplicating: true }],
    ['lossy and duplicating, budget 2', { lossy: true, duplicating: true, budget: 2 }],
    ['markers only', { lossy: true, messages: 'markers' as const }],
    ['application messages only, on some channels', { duplicating: true, messages: 'application' as const, channels: ['0>1'] }],
    ['crashes', { crash: true }],
    ['lossy with crashes', { lossy: true, crash: true }],
    ['a zero budget', { lossy: true, budget: 0 }],
    ['no fault at all', {}],
  ])('says which faults may happen: %s', (_, faults) => {
    const r = must(verify(model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'fifo', faults } }), { workers: 1, maxStates: 1 }));
    expect(r.model.faults).toMatchSnapshot();
  });

  it('names the algorithm, a broken one as such, and the initiators by name', () => {
    const named = { ...model('edges:0>1,1>0', 'bank:1,1'), topology: { ...must(parseTopology('edges:0>1,1>0')), names: ['alice', 'bob'] } };
    const r = must(verify({ ...named, algorithm: { kind: 'chandy-lamport/close-all', initiators: [1, 0] } }, { workers: 1, maxStates: 1 }));
    expect(r.model).toMatchSnapshot();
  });
});

describe('the figures a result gives besides the facts', () => {
  it('counts the bytes stored and bounds the chance of a fingerprint collision from the states and transitions', () => {
    const spec = model('ring:3', 'bank:1,1', { network: { discipline: 'unordered' } });
    const r = must(verify(spec, { workers: 1, stopAtFirst: false, symmetry: false }));
    const s = r.stats;
    expect(s.collisionProbability).toBeGreaterThanOrEqual((s.productStates * s.transitions + s.appStates * s.appTransitions) / 2 ** 64);
    expect(s.storeBytes).toBeGreaterThan(8 * s.productStates);
    expect([s.storeBytes, s.productStates, s.transitions, s.collisionProbability]).toMatchSnapshot();
    expect(s.statesPerSecond).toBeGreaterThan(0);
    expect(s.elapsedMs).toBeGreaterThan(0);
    // The rate is the product search's own, which takes part of the whole run's time.
    expect(s.statesPerSecond).toBeGreaterThanOrEqual(Math.floor(s.productStates / (s.elapsedMs / 1000)));
  });

  it('raises the collision bound by the symmetries it folded', () => {
    const spec = model('ring:3', 'bank:1,1', { network: { discipline: 'unordered' }, algorithm: { kind: 'chandy-lamport', initiators: [0, 1, 2] } });
    const folded = must(verify(spec, { workers: 1, stopAtFirst: false })).stats;
    const plain = must(verify(spec, { workers: 1, stopAtFirst: false, symmetry: false })).stats;
    expect(folded.reductions.symmetry).toMatch(/^on \(3 symmetries\)/);
    const base = (s: typeof folded) => (s.productStates * s.transitions + s.appStates * s.appTransitions) / 2 ** 64;
    expect(folded.collisionProbability / base(folded)).toBeGreaterThan(plain.collisionProbability / base(plain));
    expect([folded.collisionProbability, plain.collisionProbability]).toMatchSnapshot();
  });

  it('gives no rate when there was no product search', () => {
    const r = must(verify(model('ring:3', 'bank:1,1'), { workers: 1, interrupt: () => true }));
    expect([r.stats.productStates, r.stats.transitions, r.stats.depth, r.stats.statesPerSecond, r.stats.reductions.threads]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('the memory guard', () => {
  const reading = (rss: number, heapUsed: number, heapLimit = 1000) => () => ({ rss, heapUsed, heapLimit });
  it('stops a search whose resident set passed the bound, and says it was the resident set', () => {
    const g = memoryGuard(500, reading(501, 10));
    expect(g.exceeded()).toBe(true);
    expect([g.hit, g.what]).toEqual([true, 'resident']);
  });
  it('stops a search whose JavaScript heap is nearly full, before V8 would end the process', () => {
    const g = memoryGuard(10_000, reading(100, 901));
    expect(g.exceeded()).toBe(true);
    expect([g.what, g.heapLimit]).toEqual(['heap', 1000]);
    expect(memoryGuard(10_000, reading(100, 899)).exceeded()).toBe(false);
  });
});
