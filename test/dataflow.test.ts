// Dataflow jobs, Flink-style: the topologies, the records:K workload, the barrier algorithms (abs, at-least-once,
// unaligned and its broken variants), the whole-job crash with recovery from the latest completed checkpoint, and
// the exactly-once checks. Facts are pinned from exhaustive runs; test/dataflow-naive.test.ts recomputes them with
// an independent enumerator.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  assumptionMatrix, bank, compareAlgorithms, renderMermaid, renderSvg, timeline, complete, defaultChoices, diamond, fanin, iterate, parseTopology, pipeline, records, report, verify, type ModelSpec,
  type VerifyResult,
} from '../src/index.ts';
import { resolveModel } from '../src/model/define.ts';
import { replayTrace, traceViolation } from '../src/trace/api.ts';
import { readItfTrace, toItfTrace } from '../src/trace/itf.ts';
import { CLI_MAIN } from './cli-main.ts';

const job = (topology: string, algorithm: string, k = 2, crashes = 1): ModelSpec<unknown, unknown> => {
  const t = parseTopology(topology);
  if (!t.ok) throw new Error(t.error.message);
  return {
    name: `${algorithm} on ${topology}`,
    topology: t.value,
    workload: records(k) as ModelSpec<unknown, unknown>['workload'],
    algorithm,
    network: { discipline: 'fifo', ...(crashes > 0 ? { faults: { crash: true, budget: crashes } } : {}) },
  };
};

const run = (spec: ModelSpec<unknown, unknown>): VerifyResult => {
  const r = verify(spec, { stopAtFirst: false });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const failing = (r: VerifyResult): Record<string, number | undefined> =>
  Object.fromEntries(Object.entries(r.checks).filter(([, s]) => s === 'violated').map(([c]) => [c, r.violations.find((v) => v.check === c)?.trace.steps.length]));

describe('dataflow topologies', () => {
  it('name sources, tasks and sinks, and mark the back-edge of iterate', () => {
    expect(pipeline(3)).toMatchObject({ n: 3, names: ['src', 't1', 'sink'], channels: [{ from: 0, to: 1 }, { from: 1, to: 2 }] });
    expect(diamond().channels.map((c) => `${c.from}>${c.to}`)).toEqual(['0>1', '0>2', '1>3', '2>3']);
    expect(fanin(2)).toMatchObject({ n: 3, names: ['s0', 's1', 'sum'] });
    expect(iterate().channels.filter((c) => c.back === true)).toEqual([{ from: 2, to: 1, back: true }]);
  });

  it('parse from strings, with back-edges written ~> in an edge list', () => {
    const t = parseTopology('edges:0>1,1>2,2~>1');
    expect(t.ok && t.value.channels.find((c) => c.from === 2)?.back).toBe(true);
    expect(t.ok && t.value.spec).toBe('edges:0>1,1>2,2~>1');
    for (const s of ['pipeline:4', 'diamond', 'fanin:3', 'iterate']) expect(parseTopology(s).ok, s).toBe(true);
  });

  it('refuse a size where there is none, and sizes out of range, in one line', () => {
    const bad = (s: string): string => {
      const r = parseTopology(s);
      return r.ok ? 'parsed' : `${r.error.code} ${r.error.message}`;
    };
    expect(bad('diamond:3')).toBe("CC001 'diamond:3': diamond takes no size; write just diamond");
    expect(bad('fanin:64')).toBe("CC001 'fanin:64': fanin takes from 1 to 63 sources");
    expect(bad('pipeline:1')).toMatch(/^CC001 'pipeline:1': pipeline needs between 2 and 64 processes$/);
  });
});

describe('the records:K workload', () => {
  it('sums what each task receives and keeps one ghost id per record and route', () => {
    const w = records(2);
    const ctx = { self: 3, n: 4, out: [], in: [1, 2], backIn: [] };
    const s0 = w.init(ctx);
    const s1 = w.receive(s0, 1, { rec: '0.2', v: 2, path: [0, 1] }, ctx).next;
    const s2 = w.receive(s1, 2, { rec: '0.1', v: 1, path: [0, 2] }, ctx).next;
    expect(s2).toEqual({ sum: 3, seen: ['0.1>2', '0.2>1'] });
    expect(w.ghosts?.(s2)).toEqual(['0.1>2', '0.2>1']);
  });

  it('lets a source emit its log in order, to every out-neighbour, and then stop', () => {
    const w = records(1);
    const ctx = { self: 0, n: 3, out: [1, 2], in: [], backIn: [] };
    const [emit] = w.actions(w.init(ctx), ctx);
    expect(emit).toEqual({ label: 'emit 0.1', next: { offset: 1 }, sends: [{ to: 1, msg: { rec: '0.1', v: 1, path: [0] } }, { to: 2, msg: { rec: '0.1', v: 1, path: [0] } }] });
    expect(w.actions(emit?.next ?? { offset: 0 }, ctx)).toEqual([]);
  });

  it('never sends a record over the same channel twice, so a loop is taken once', () => {
    const w = records(1);
    const body = { self: 2, n: 4, out: [1, 3], in: [1], backIn: [] };
    const first = w.receive({ sum: 0, seen: [] }, 1, { rec: '0.1', v: 1, path: [0, 1] }, body);
    expect(first.sends?.map((s) => s.to)).toEqual([1, 3]);
    const again = w.receive({ sum: 0, seen: [] }, 1, { rec: '0.1', v: 1, path: [0, 1, 2, 1] }, body);
    expect(again.sends?.map((s) => s.to)).toEqual([3]);
  });
});

describe('barrier algorithms with one crash, records:2', () => {
  // [algorithm, topology, |R|, cuts, inconsistent, failing checks with their shortest counterexamples]
  const pinned: [string, string, number, number, number, Record<string, number>][] = [
    ['abs', 'pipeline:3', 10, 3, 0, {}],
    ['abs', 'diamond', 46, 3, 0, {}],
    ['abs', 'fanin:2', 36, 9, 0, {}],
    ['abs', 'iterate', 27, 6, 0, {}],
    ['unaligned', 'pipeline:3', 10, 10, 0, {}],
    ['unaligned', 'diamond', 46, 46, 0, {}],
    ['unaligned', 'fanin:2', 36, 36, 0, {}],
    ['unaligned', 'iterate', 27, 27, 0, {}],
    ['at-least-once', 'pipeline:3', 10, 3, 0, {}],
    ['at-least-once', 'diamond', 46, 9, 6, { consistent: 8, reachable: 8, 'exactly-once': 19, 'no-duplicate': 19 }],
    ['unaligned/no-channel-state', 'pipeline:3', 10, 10, 7, { consistent: 4, reachable: 4, 'exactly-once': 6, 'no-loss': 6 }],
    ['unaligned/stop-at-snapshot', 'diamond', 46, 100, 54, { consistent: 8, reachable: 8, 'exactly-once': 16, 'no-loss': 16 }],
    ['unaligned/no-overtake', 'fanin:2', 36, 132, 105, { consistent: 6, reachable: 6, 'exactly-once': 14, 'no-duplicate': 14 }],
  ];
  it.each(pinned)('%s on %s: %i application states, %i cuts, %i inconsistent', (algorithm, topology, appStates, cuts, inconsistent, fails) => {
    const r = run(job(topology, algorithm));
    expect(r.stats.exhaustive).toBe(true);
    expect([r.facts.appStates, r.facts.cuts, r.facts.inconsistentCuts]).toEqual([appStates, cuts, inconsistent]);
    expect(failing(r)).toEqual(fails);
    expect(r.verdict).toBe(Object.keys(fails).length === 0 ? 'holds' : 'violated');
  });

  it('start every source, and only the sources, by default', () => {
    const m = resolveModel(job('fanin:2', 'abs'));
    expect(m.ok && m.value.algorithm.initiators).toEqual([0, 1]);
  });

  it('find at-least-once duplicating a record after a crash on diamond, in a trace that replays from its ITF file', () => {
    const spec = job('diamond', 'at-least-once');
    const r = run(spec);
    const v = r.violations.find((x) => x.check === 'no-duplicate');
    expect(v?.trace.steps.map((s) => s.step.kind)).toContain('crash');
    expect(v?.explanation).toMatch(/join absorbed 0\.2>1 twice, where the failure-free run absorbs it once/);
    const t = traceViolation(spec, v!, { capacity: r.stats.capacity });
    if (!t.ok) throw new Error(t.error.message);
    expect(t.value.doc.steps).toContainEqual({ kind: 'crash', checkpoint: 0 });
    const doc = readItfTrace(JSON.stringify(toItfTrace(t.value.doc)));
    if (!doc.ok) throw new Error(doc.error.message);
    const again = replayTrace(spec, doc.value);
    expect(again.ok && again.value.recurs).toBe(true);
    expect(again.ok && again.value.violation?.check).toBe('no-duplicate');
  });

  it('say which checkpoint a crash restores, or that it restarts from the beginning', () => {
    const r = run(job('diamond', 'at-least-once'));
    const texts = r.violations.flatMap((v) => v.trace.steps.filter((s) => s.step.kind === 'crash').map((s) => s.text));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toMatch(/^the job crashes and (restores checkpoint 1|restarts from the beginning \(no checkpoint has completed\))$/);
  });

  it('hold exactly-once without crashes even for at-least-once, which then never replays a record', () => {
    const r = run(job('diamond', 'at-least-once', 2, 0));
    expect([r.checks['exactly-once'], r.checks['no-loss'], r.checks['no-duplicate']]).toEqual(['holds', 'holds', 'holds']);
    expect(r.checks.consistent).toBe('violated');
  });

  it('lose records when a crash restores a checkpoint whose channel state is not re-injected: Chandy-Lamport keeps it', () => {
    // Chandy-Lamport on a dataflow job records channel states too, and the crash re-injects them.
    const r = run({ ...job('diamond', 'chandy-lamport'), algorithm: { kind: 'chandy-lamport', initiators: [0] } });
    expect(failing(r)).toEqual({});
    expect(r.facts.cuts).toBeGreaterThan(3);
  });
});

describe('the exactly-once checks', () => {
  it('are n/a for a workload without ghost ids, and left out of its text report', () => {
    const r = run({ name: 'bank', topology: complete(3), workload: bank(1, 1) as ModelSpec<unknown, unknown>['workload'] });
    expect([r.checks['exactly-once'], r.checks['no-loss'], r.checks['no-duplicate']]).toEqual(['n/a', 'n/a', 'n/a']);
    expect(report(r)).not.toMatch(/exactly-once|no-loss|no-duplicate/);
  });

  it('appear by name in the text report of a dataflow job', () => {
    expect(report(run(job('pipeline:3', 'abs')))).toMatch(/✓ terminates {2}✓ exactly-once {2}✓ no-loss {2}✓ no-duplicate/);
  });
});

describe('compare on a dataflow job', () => {
  it('takes the barrier algorithms by default, and the model own algorithm beside them', () => {
    const m = resolveModel(job('diamond', 'chandy-lamport'));
    if (!m.ok) throw new Error(m.error.message);
    expect(defaultChoices(m.value)).toEqual(['abs', 'at-least-once', 'unaligned', 'chandy-lamport']);
    const c = compareAlgorithms(job('pipeline:3', 'abs', 1, 0));
    expect(c.ok && c.value.algorithms.map((a) => [a.name, a.verdict])).toEqual([['abs', 'holds'], ['at-least-once', 'holds'], ['unaligned', 'holds']]);
  });
});

describe('the assumption matrix and compare on a dataflow job', () => {
  it('keep the crash in every row, and show which assumption exactly-once needs', () => {
    const rows = assumptionMatrix(job('diamond', 'abs'));
    if (!rows.ok) throw new Error(rows.error.message);
    const failing = Object.fromEntries(rows.value.map((r) => [r.dropped, Object.entries(r.checks).filter(([, x]) => x.holds === false).map(([c, x]) => `${c} ${x.shortest}`)]));
    expect(failing).toEqual({
      none: [],
      fifo: ['consistent 6', 'reachable 6', 'exactly-once 8', 'no-loss 8', 'no-duplicate 14'],
      reliable: ['terminates 11', 'exactly-once 13', 'no-loss 13'],
      'no-duplication': ['consistent 11', 'reachable 11', 'exactly-once 17', 'no-duplicate 17'],
      'single-snapshot': [],
      connectivity: ['terminates 11'],
    });
    expect(rows.value.find((r) => r.dropped === 'reliable')?.flags).toEqual(['--channels', 'fifo', '--lossy', '--faults', '2']);
  });

  it('measure the trade-off: aligned ABS holds records back and saves none, unaligned holds none back and saves them', () => {
    const c = compareAlgorithms(job('diamond', 'abs'));
    if (!c.ok) throw new Error(c.error.message);
    const cost = Object.fromEntries(c.value.algorithms.map((a) => [a.name, [a.costs.heldBack, a.costs.recordedMessages]]));
    expect(cost).toEqual({
      abs: [{ min: 0, max: 2 }, { min: 0, max: 0 }],
      'at-least-once': [null, { min: 0, max: 0 }],
      unaligned: [null, { min: 0, max: 4 }],
    });
  });
});

describe('two checkpoints and two crashes', () => {
  const twice = (topology: string, algorithm: string, k = 1): ModelSpec<unknown, unknown> => {
    const base = job(topology, algorithm, k, 2);
    const m = resolveModel(base);
    if (!m.ok) throw new Error(m.error.message);
    return { ...base, algorithm: { kind: algorithm, initiators: [...m.value.algorithm.initiators], snapshots: 2 } };
  };

  it.each(['pipeline:3', 'diamond', 'fanin:2', 'iterate'])('keep every check for unaligned and abs on %s', (topology) => {
    for (const algorithm of ['unaligned', 'abs']) expect([algorithm, failing(run(twice(topology, algorithm)))]).toEqual([algorithm, {}]);
  });

  it('mark the records a recovery puts back as restored, and only those', () => {
    const v = run(twice('fanin:2', 'unaligned/restored-unsaved')).violations.find((x) => x.check === 'no-loss')!;
    const crash = v.trace.steps.findIndex((s) => s.step.kind === 'crash');
    // Checkpoint 1 saved 0.1 and 1.1 as channel state; the crash puts both back, marked, ahead of anything new.
    expect(v.trace.steps[crash]!.after.channels.map((c) => c.messages.map((m) => m.text))).toEqual([['0.1 (restored)'], ['1.1 (restored)']]);
    expect(v.trace.steps.slice(0, crash).every((s) => !s.text.includes('restored'))).toBe(true);
    // ABS saves no channel state: after its crash the source replays its records, which are new.
    const abs = run(twice('fanin:2', 'at-least-once', 2)).violations.find((x) => x.check === 'no-duplicate')!;
    expect(abs.trace.steps.some((s) => s.step.kind === 'crash')).toBe(true);
    expect(abs.trace.steps.some((s) => s.text.includes('restored'))).toBe(false);
  });

  it('catch FLINK-20654: records replayed from restored channel state, saved by no checkpoint, are lost at the second crash', () => {
    const r = run(twice('fanin:2', 'unaligned/restored-unsaved'));
    expect(failing(r)).toEqual({ consistent: 11, reachable: 11, 'exactly-once': 14, 'no-loss': 14 });
    const v = r.violations.find((x) => x.check === 'no-loss')!;
    const story = v.trace.steps.map((s) => s.text);
    // The first crash restores checkpoint 1 with 1.1 in s1→sum's channel state; sum snapshots again at the barrier on s0→sum
    // while s1→sum still replays 1.1, which it absorbs unsaved; the second crash restores checkpoint 2 without it.
    expect(story.filter((t) => /crashes/.test(t))).toEqual(['the job crashes and restores checkpoint 1', 'the job crashes and restores checkpoint 2']);
    const [first, second] = story.flatMap((t, i) => (/crashes/.test(t) ? [i] : []));
    expect(story.slice(first, second).some((t) => /^sum receives barrier on s0→sum/.test(t))).toBe(true);
    expect(story.slice(first, second)).toContain('sum receives 1.1 (restored) on s1→sum');
    expect(v.explanation).toMatch(/sum absorbed 1\.1 not at all, where the failure-free run absorbs it once/);
    // One crash is enough for an inconsistent checkpoint, not for a loss.
    const once = run({ ...twice('fanin:2', 'unaligned/restored-unsaved'), network: { discipline: 'fifo', faults: { crash: true, budget: 1 } } });
    expect(failing(once)).toEqual({ consistent: 11, reachable: 11 });
  });
});

describe('pictures of a dataflow job', () => {
  // abs/unblock-early on fanin:2 lets s0→sum through before sum's snapshot, and after the crash counts 1.1 twice.
  const spec = job('fanin:2', 'abs/unblock-early');
  const r = run(spec);
  const v = r.violations.find((x) => x.check === 'no-duplicate')!;
  const traced = traceViolation(spec, v, { capacity: r.stats.capacity });
  if (!traced.ok) throw new Error(traced.error.message);
  const doc = traced.value.doc;

  it('keep, in every state of the trace, which inputs are blocked, through the ITF file', () => {
    const blocked = doc.states.map((s) => s.channels.filter((c) => c.blocked === true).map((c) => `${c.from}>${c.to}`).join());
    expect(blocked.filter((b) => b !== '').length).toBeGreaterThan(0);
    const again = readItfTrace(JSON.stringify(toItfTrace(doc)));
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.states.map((s) => s.channels.filter((c) => c.blocked === true).map((c) => `${c.from}>${c.to}`).join())).toEqual(blocked);
  });

  it('draw the interval an input is blocked as a band on its receiver, from the step that blocks it to the one that lets it through', () => {
    const t = timeline(doc, doc);
    expect(t.blocked).toEqual([{ process: 2, channel: 's0→sum', from: 6, to: 9 }]);
    const svg = renderSvg(t);
    expect(svg).toMatch(/<g class="blocked" data-process="2" data-from="6" data-to="9"><title>sum holds back what arrives on s0→sum: blocked at step 6, until step 9<\/title><rect class="blocked-band"/);
    expect(svg).toContain('>s0→sum blocked</text>');
    expect(svg).toContain('input blocked (held back)');
    expect(renderMermaid(doc, doc)).toMatch(/Note right of p2: blocks s0→sum \(holds back what arrives on it\)[\s\S]*Note right of p2: lets s0→sum through/);
  });

  it('label the crash with the checkpoint its step restores, not with words parsed from its text', () => {
    const crash = doc.steps.findIndex((s) => s.kind === 'crash');
    expect(doc.steps[crash]).toEqual({ kind: 'crash', checkpoint: 0 });
    expect(renderSvg(timeline(doc, doc))).toContain('crash: checkpoint 1 restored');
    const reworded = { ...doc, states: doc.states.map((s, i) => (i === crash + 1 && s.step !== null ? { ...s, step: { ...s.step, text: 'it all went dark' } } : s)) };
    expect(renderSvg(timeline(reworded, reworded))).toContain('crash: checkpoint 1 restored');
  });

  it('replay a crash step that does not say what it restores, and refuse one that names the wrong checkpoint', () => {
    const crash = doc.steps.findIndex((s) => s.kind === 'crash');
    const unsaid = { ...doc, steps: doc.steps.map((s, i) => (i === crash ? { kind: 'crash' as const } : s)) };
    const ok = replayTrace(spec, unsaid);
    expect(ok.ok && ok.value.recurs).toBe(true);
    const wrong = { ...doc, steps: doc.steps.map((s, i) => (i === crash ? { kind: 'crash' as const, checkpoint: null } : s)) };
    const refused = replayTrace(spec, wrong);
    expect(!refused.ok && refused.error.code).toBe('CC009');
    expect(!refused.ok && refused.error.message).toMatch(new RegExp(`step ${crash + 1}`));
  });
});

describe('the straggler question', () => {
  const straggler = (topology: string, slow: string, k: number, algorithms: string[], crashes = 0) => {
    const c = compareAlgorithms(job(topology, 'abs', k, crashes), algorithms, { straggler: slow, workers: 1 });
    if (!c.ok) throw new Error(c.error.message);
    return c.value;
  };
  const curve = (a: { straggler: { rows: readonly { lag: number; heldBack: number | null; recorded: number; recordedSlow: number }[] } | null }) =>
    a.straggler?.rows.map((r) => [r.lag, r.heldBack, r.recorded, r.recordedSlow]);

  it('on diamond: as the slow branch lags by L records, alignment holds back L and unaligned saves L of the slow channel', () => {
    const c = straggler('diamond', 'a>join', 4, ['abs', 'unaligned']);
    expect(c.straggler).toEqual({ index: 2, name: 'a→join', from: 1, to: 3 });
    const [abs, unaligned] = c.algorithms;
    // [lag, held back, saved in all, saved for a→join]
    expect(curve(abs!)).toEqual([[0, 0, 0, 0], [1, 1, 0, 0], [2, 2, 0, 0], [3, 3, 0, 0], [4, 4, 0, 0]]);
    // Every prompt channel may hold one record in flight, which unaligned saves too; the total is bounded by what is in flight.
    expect(curve(unaligned!)).toEqual([[0, null, 2, 0], [1, null, 4, 1], [2, null, 5, 2], [3, null, 6, 3], [4, null, 6, 4]]);
    expect(abs!.straggler!.complete && unaligned!.straggler!.complete).toBe(true);
  });

  it('measures a healthy job: the crash of the model is left out, and the verdicts are those of the job with it', () => {
    const c = straggler('diamond', 'b>join', 2, ['abs'], 1);
    const abs = c.algorithms[0]!;
    expect(abs.result.model.faults).toMatch(/crash/);
    expect(abs.verdict).toBe('holds');
    expect(curve(abs)).toEqual([[0, 0, 0, 0], [1, 1, 0, 0], [2, 2, 0, 0]]);
  });

  it('at-least-once never blocks and saves nothing, however far the branch lags', () => {
    const c = straggler('diamond', 'a>join', 3, ['at-least-once']);
    expect(curve(c.algorithms[0]!)).toEqual([[0, null, 0, 0], [1, null, 0, 0], [2, null, 0, 0], [3, null, 0, 0]]);
  });

  it('refuses a channel the topology does not have, naming the ones it has', () => {
    const c = compareAlgorithms(job('diamond', 'abs'), ['abs'], { straggler: 'a>b' });
    expect(!c.ok && c.error.message).toBe("--straggler: the topology has no channel 'a>b'; its channels are src>a, src>b, a>join, b>join");
    const bad = compareAlgorithms(job('diamond', 'abs'), ['abs'], { straggler: 'join' });
    expect(!bad.ok && bad.error.message).toMatch(/^--straggler: a channel is written FROM>TO, e\.g\. src>a; got 'join'$/);
  });
});

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('the command line', () => {
  it('prints the straggler table from compare --straggler, and refuses the flag elsewhere in one line', () => {
    const r = cli('compare', '-t', 'diamond', '-w', 'records:3', '-a', 'abs,unaligned', '--straggler', 'a>join');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/The straggler: a→join lags by up to L records/);
    expect(r.out).toMatch(/\n {2}3 +holds back 3, saves 0 +never blocks, saves 5 \(3 of a→join\)\n/);
    const v = cli('verify', '-t', 'diamond', '-w', 'records:3', '--straggler', 'a>join');
    expect(v.code).toBe(2);
    expect(v.err).toBe("cutcheck: error CC007 (usage): --straggler belongs to 'compare'\n");
  });

  it("runs the issue's example: abs on diamond, records:2, one crash, every check holding", () => {
    const r = cli('verify', '--algorithm', 'abs', '--topology', 'diamond', '--workload', 'records:2', '--crashes', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/records:2 on diamond, fifo channels, crashes, budget 1, abs from src/);
    expect(r.out).toMatch(/✓ exactly-once {2}✓ no-loss {2}✓ no-duplicate/);
  });

  it('names exactly-once, no-loss and no-duplicate in --json, and exits 1 for at-least-once', () => {
    const r = cli('verify', '-a', 'at-least-once', '-t', 'diamond', '-w', 'records:2', '--crashes', '1', '--continue', '--json');
    expect(r.code).toBe(1);
    const checks = (JSON.parse(r.out) as { checks: Record<string, { status: string; shortest: number | null }> }).checks;
    expect(checks['no-duplicate']).toEqual({ status: 'violated', shortest: 19 });
    expect(checks['no-loss']).toEqual({ status: 'holds', shortest: null });
  });

  it('refuses a barrier algorithm on a topology without sources, and an absurd crash budget, in one line', () => {
    const a = cli('verify', '-a', 'abs', '-t', 'complete:3');
    expect(a.code).toBe(2);
    expect(a.err.trim().split('\n')).toEqual(['cutcheck: error CC005 (invalid model): abs starts its snapshots at the sources, and this topology has none (every process has an in-channel); name the initiators']);
    const b = cli('verify', '-t', 'diamond', '-w', 'records:1', '--crashes', '99');
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/^cutcheck: error CC003 \(bad number\): --crashes takes a whole number from 0 to 8, got '99'\n$/);
  });
});
