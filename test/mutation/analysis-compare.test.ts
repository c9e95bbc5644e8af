// compare on small models, for what its pinned tables do not show: which algorithms it takes by default, how it
// finds an algorithm given by name or as a value (the model's own included), the errors it returns with the name of
// the algorithm that failed, the number of snapshots each one takes, the bounds its measuring searches honour
// (states, memory, an interrupt) and the progress they report, each tagged with its phase and algorithm.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chandyLamport, compareAlgorithms, type Comparison, type ModelSpec, type PhaseProgress } from '../../src/index.ts';
import { fail } from '../../src/errors.ts';
import { model, must } from './models.ts';
import { defaultMaxMemory, defaultMaxStates } from '../../src/check/verify.ts';

/** The default state bound: what the default memory bound holds. */
const DEFAULT_BOUND = defaultMaxStates(defaultMaxMemory());

/** Chandy-Lamport under a name of its own: a user's algorithm, not a built-in. */
const mine = { ...chandyLamport, name: 'mine' };
const two = (more: Partial<ModelSpec<unknown, unknown>> = {}) => model('edges:0>1,1>0', 'token:1', more);
const names = (c: Comparison) => c.algorithms.map((a) => a.name);
const refusal = (r: ReturnType<typeof compareAlgorithms>) => (r.ok ? null : r.error);

describe('the algorithms compare takes', () => {
  it('adds the model\'s own algorithm to the correct message-passing ones when it is not one of them', () => {
    const c = must(compareAlgorithms(two({ algorithm: mine }), undefined, { workers: 1 }));
    expect(names(c)).toEqual(['chandy-lamport', 'lai-yang', 'mine']);
    expect(c.modelAlgorithm).toBe('mine');
    const broken = must(compareAlgorithms(two({ algorithm: 'chandy-lamport/no-forwarding' }), undefined, { workers: 1 }));
    expect(names(broken)).toEqual(['chandy-lamport', 'lai-yang', 'chandy-lamport/no-forwarding']);
    expect(broken.algorithms.map((a) => [a.broken, a.verdict])).toEqual([[false, 'holds'], [false, 'holds'], [true, 'violated']]);
  });

  it('finds the model\'s own algorithm by its name, and takes an algorithm given as a value', () => {
    expect(names(must(compareAlgorithms(two({ algorithm: mine }), ['mine', 'lai-yang'], { workers: 1 })))).toEqual(['mine', 'lai-yang']);
    const c = must(compareAlgorithms(two(), [mine], { workers: 1 }));
    expect(names(c)).toEqual(['mine']);
    expect(c.modelAlgorithm).toBe('chandy-lamport');
    expect(c.algorithms[0]?.verdict).toBe('holds');
  });

  it('lists the model\'s own algorithm among the known ones when a name is unknown', () => {
    const e = refusal(compareAlgorithms(two({ algorithm: mine }), ['nope'], { workers: 1 }));
    expect(e?.code).toBe('CC007');
    expect(e?.message).toMatch(/^unknown algorithm 'nope'; the known ones are chandy-lamport, lai-yang, abs, .*, unaligned\/restored-unsaved, mine \(the model's own\)$/);
  });

  it('refuses an algorithm listed twice', () => {
    expect(refusal(compareAlgorithms(two(), ['lai-yang', 'chandy-lamport', 'lai-yang'], { workers: 1 }))).toEqual({
      code: 'CC007',
      message: "algorithm 'lai-yang' is listed twice",
    });
  });
});

describe('compare returns the errors of the model and of each algorithm', () => {
  it('refuses a model that is not valid', () => {
    expect(refusal(compareAlgorithms(two({ algorithm: { kind: 'chandy-lamport', initiators: [4] } }), undefined, { workers: 1 }))).toEqual({
      code: 'CC005',
      message: 'initiator 4 is not a process of this topology (0..1)',
    });
  });

  it('names the algorithm a value cannot be, or that cannot take the model\'s snapshots', () => {
    const bad = { name: 'bad' } as unknown as typeof mine;
    expect(refusal(compareAlgorithms(two(), [bad], { workers: 1 }))).toEqual({
      code: 'CC005',
      message: "bad: algorithm 'bad' needs init, initiate and control functions; init is undefined",
    });
    const twice = two({ algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } });
    expect(refusal(compareAlgorithms(twice, ['chandy-lamport', 'lai-yang'], { workers: 1 }))).toEqual({
      code: 'CC008',
      message: 'lai-yang: lai-yang takes at most 1 snapshot per execution, not 2',
    });
  });

  it('names the algorithm whose verification failed', () => {
    expect(refusal(compareAlgorithms(two(), ['lai-yang'], { workers: 1, capacity: 0 }))).toEqual({
      code: 'CC008',
      message: 'lai-yang: channel capacity must be a whole number from 1 to 256, got 0',
    });
  });
});

describe('each algorithm is checked and measured as the model asks', () => {
  it('takes the model\'s number of snapshots', () => {
    const once = must(compareAlgorithms(two(), ['chandy-lamport'], { workers: 1 })).algorithms[0];
    const c = must(compareAlgorithms(two({ algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } }), ['chandy-lamport'], { workers: 1 }));
    const twice = c.algorithms[0];
    expect(twice?.result.model.snapshots).toBe(2);
    expect(once?.result.model.snapshots).toBe(1);
    // The second snapshot makes more states to measure.
    expect(twice?.costs.states).toBeGreaterThan(once?.costs.states ?? Infinity);
  });

  it('stops measuring at the state bound', () => {
    const a = must(compareAlgorithms(two(), ['chandy-lamport'], { workers: 1, maxStates: 5 })).algorithms[0];
    expect(a?.verdict).toBe('incomplete');
    expect(a?.costs.complete).toBe(false);
    expect(a?.costsStoppedBy).toBe('state-bound');
    const whole = must(compareAlgorithms(two(), ['chandy-lamport'], { workers: 1 })).algorithms[0];
    expect(whole?.costs.complete).toBe(true);
    expect(whole?.costsStoppedBy).toBe(null);
    expect(a?.costs.states).toBeLessThan(whole?.costs.states ?? 0);
  });

  it('stops measuring at the memory bound', () => {
    const a = must(compareAlgorithms(two(), ['chandy-lamport'], { workers: 1, maxMemoryBytes: 1 })).algorithms[0];
    expect(a?.costs.complete).toBe(false);
    expect(a?.costsStoppedBy).toBe('memory-bound');
  });

  it('stops measuring when interrupted', () => {
    const a = must(compareAlgorithms(two(), ['chandy-lamport'], { workers: 1, interrupt: () => true })).algorithms[0];
    expect(a?.costs.complete).toBe(false);
    expect(a?.costsStoppedBy).toBe('interrupt');
  });
});

describe('the progress of every search, tagged with its phase and algorithm', () => {
  // Searches report progress at most every 250 ms; a clock that runs a second per reading makes each of them report.
  const fastClock = () => {
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 1000));
  };
  afterEach(() => vi.restoreAllMocks());
  const job = model('diamond', 'records:1', { algorithm: 'abs' });
  const phases = (events: readonly PhaseProgress[]) => [...new Set(events.map((p) => `${p.phase} of ${p.of ?? '?'} up to ${p.maxStates}`))];

  it('reports the phases of each algorithm, with the default state bound', () => {
    fastClock();
    const events: PhaseProgress[] = [];
    must(compareAlgorithms(job, ['abs', 'unaligned'], { workers: 1, straggler: 'a>join', onProgress: (p) => events.push(p) }));
    expect(phases(events)).toEqual([
      ...['abs', 'unaligned'].flatMap((a) => ['application', 'snapshot', 'costs', 'straggler'].map((phase) => `${phase} of ${a} up to ${DEFAULT_BOUND}`)),
    ]);
  });

  it('reports the state bound it was given', () => {
    fastClock();
    const events: PhaseProgress[] = [];
    must(compareAlgorithms(job, ['abs'], { workers: 1, straggler: 'a>join', maxStates: 100_000, onProgress: (p) => events.push(p) }));
    expect(phases(events)).toEqual(['application of abs up to 100000', 'snapshot of abs up to 100000', 'costs of abs up to 100000', 'straggler of abs up to 100000']);
  });

  it('returns a failure of a measuring search as an error naming the algorithm', () => {
    fastClock();
    // A failure in the search, injected where it reports its progress (the way a channel past its capacity fails).
    const failIn = (phase: PhaseProgress['phase']) => (p: PhaseProgress) => {
      if (p.phase === phase) fail('CC008', `${phase} failed`);
    };
    const refused = (phase: PhaseProgress['phase']) =>
      refusal(compareAlgorithms(job, ['abs'], { workers: 1, straggler: 'a>join', onProgress: failIn(phase) }));
    expect(refused('costs')).toEqual({ code: 'CC008', message: 'abs: costs failed' });
    expect(refused('straggler')).toEqual({ code: 'CC008', message: 'abs: straggler failed' });
  });

  it('measures as before without a progress callback', () => {
    fastClock();
    const c = must(compareAlgorithms(job, ['abs'], { workers: 1, straggler: 'a>join' }));
    expect(c.algorithms[0]?.costs.complete).toBe(true);
    expect(c.algorithms[0]?.straggler?.complete).toBe(true);
  });
});
