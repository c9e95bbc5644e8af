// `cutcheck admit`: recorded snapshots judged against a scenario in the course assignment's formats. Admitted ones
// come with a run that records them (replayable and renderable), and whether the outcome is the only one; refused
// ones with the closest admissible cut and a sentence per difference; snapshots that overlap are each decided.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { admit, type AdmitOptions } from '../src/admit/admit.ts';
import { parseEvents, parseSnapshot, parseTopology } from '../src/admit/formats.ts';
import { must } from './mutation/models.ts';
import { CLI_MAIN } from './cli-main.ts';

const FIXTURES = new URL('fixtures/admit/', import.meta.url).pathname;
const read = (dir: string, f: string) => readFileSync(join(FIXTURES, dir, f), 'utf8');

/** The verdicts of the snapshot files `files` of fixture `dir` against its topology and `events`. */
function judged(dir: string, files: readonly string[], events = 'events.txt', options: AdmitOptions = {}) {
  const t = must(parseTopology(read(dir, 'topology.txt'), 'topology.txt'));
  const e = must(parseEvents(read(dir, events), events, t));
  const s = files.map((f) => must(parseSnapshot(read(dir, f), f, t)));
  return must(admit(t, e, s, options));
}

const cli = (args: string[], cwd = FIXTURES) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('a two-server scenario with one snapshot', () => {
  const r = judged('two', ['snapshot-admitted.txt', 'snapshot-moved.txt', 'snapshot-order.txt', 'snapshot-dropped.txt']);
  const [ok, moved, order, dropped] = r.snapshots;

  it('explores every timing of the script and finds the four cuts its snapshot can record', () => {
    expect([r.exhaustive, r.searches.length, r.started]).toEqual([true, 1, 1]);
    expect(r.snapshots.map((s) => s.outcomes)).toEqual([4, 4, 4, 4]);
  });

  it('admits the snapshot it can record, with a run that ends recording exactly it, one outcome of several', () => {
    expect([ok?.verdict, ok?.unique]).toEqual(['admitted', false]);
    const last = ok?.witness?.steps.at(-1)?.after;
    expect(last?.processes.map((p) => (p.recordedValue as { tokens: number }).tokens)).toEqual([7, 12]);
    expect(last?.channels.map((c) => c.recordedValues)).toEqual([[], [1]]);
    expect(ok?.witness?.steps.at(-1)?.effects).toContain('the snapshot is complete');
  });

  it('refuses a token moved between servers, saying which way', () => {
    expect(moved?.verdict).toBe('refused');
    expect(moved?.closest?.cut).toEqual({ tokens: { N1: 7, N2: 12 }, channels: { 'N1→N2': [], 'N2→N1': [1] } });
    expect(moved?.closest?.differences.map((d) => d.text)).toEqual([
      '1 token moved from N2 to N1: the snapshot records N2 with 11 and N1 with 8, where the closest admissible cut has 12 and 7; no run has N1 hold those tokens while N2 has already given them up',
    ]);
  });

  it('refuses the right messages in the wrong order on a FIFO link', () => {
    expect(order?.closest?.differences.map((d) => [d.kind, d.text])).toEqual([
      ['order', 'N2→N1 records [token(2), token(1)] in flight, the right messages in the wrong order: the link is FIFO, and they were sent, and arrive, as [token(1), token(2)]'],
    ]);
  });

  it('refuses a message dropped from a channel, naming it as lost', () => {
    expect(dropped?.closest?.differences.map((d) => [d.kind, d.text])).toEqual([
      ['lost', 'token(1) is in flight on N2→N1 in the closest admissible cut, and the snapshot does not record it: that message would be lost'],
    ]);
  });

  it('leaves a snapshot it has not found undecided when the state bound stops the search, never refused', () => {
    const bounded = judged('two', ['snapshot-moved.txt'], 'events.txt', { maxStates: 5 });
    expect([bounded.exhaustive, bounded.snapshots[0]?.verdict, bounded.snapshots[0]?.unique]).toEqual([false, 'undecided', false]);
  });

  it('refuses within the bound when the search for its cut alone explores every run that could record it', () => {
    // Ten states do not hold every cut, but every run that could still record the moved tokens, none of which does.
    const [moved] = judged('two', ['snapshot-moved.txt'], 'events.txt', { maxStates: 10 }).snapshots;
    expect([moved?.verdict, moved?.outcomesExhaustive, moved?.reason]).toEqual(['refused', false, 'no run of the script records it; no cut of snapshot 0 was found to compare it with']);
  });

  it('allows more outcomes when each server only keeps its own events in order', () => {
    expect(judged('two', ['snapshot-admitted.txt'], 'events.txt', { order: 'process' }).snapshots[0]?.outcomes).toBeGreaterThan(4);
  });
});

describe('a scenario whose outcome cannot depend on timing', () => {
  // N1 sends 3 tokens, then starts the snapshot: its marker follows the tokens on the FIFO link.
  it('admits its snapshot as the only possible outcome', () => {
    const [s] = judged('unique', ['snapshot.txt']).snapshots;
    expect([s?.verdict, s?.unique, s?.outcomes]).toEqual(['admitted', true, 1]);
  });

  it('refuses a snapshot that loses the tokens in flight, naming who has too few', () => {
    const [s] = judged('unique', ['snapshot-lost.txt']).snapshots;
    expect(s?.closest?.differences.map((d) => d.text)).toEqual([
      'N2 records 10 tokens, 3 fewer than the closest admissible cut (13): 3 tokens would have to leave N2 before it recorded and be found nowhere in the cut (lost)',
    ]);
  });

  it('refuses a snapshot id the script never starts', () => {
    const t = must(parseTopology(read('unique', 'topology.txt'), 'topology.txt'));
    const e = must(parseEvents(read('unique', 'events.txt'), 'events.txt', t));
    const [s] = must(admit(t, e, [must(parseSnapshot('2\nN1 7\nN2 13\n', 'snap2.txt', t))])).snapshots;
    expect([s?.verdict, s?.reason]).toEqual(['refused', 'the script starts only snapshot 0, so it cannot record snapshot 2']);
  });
});

describe('a scenario whose snapshots overlap', () => {
  // The three-server script starts its second snapshot while the first may still be running.
  const r = judged('three', ['snapshot-0.txt', 'snapshot-1.txt', 'snapshot-1-order.txt']);
  const [zero, one, order] = r.snapshots;

  it('searches each snapshot on its own, every timing of it', () => {
    expect(r.searches.map((s) => [s.snapshot, s.exhaustive, s.partialOrder])).toEqual([[0, true, 'on'], [1, true, 'on']]);
    expect(r.states).toBe(r.searches.reduce((a, s) => a + s.states, 0));
  });

  it('admits a snapshot of each id, with a witness in which both snapshots have started', () => {
    expect([zero?.verdict, zero?.outcomes, zero?.unique]).toEqual(['admitted', 19, false]);
    expect([one?.verdict, one?.outcomes, one?.unique]).toEqual(['admitted', 12, false]);
    const labels = one?.witness?.steps.map((s) => s.text) ?? [];
    expect(labels.filter((t) => /start snapshot/.test(t))).toEqual(['N1: start snapshot 0', 'N3: start snapshot 1']);
    expect(labels.at(-1)).toMatch(/receives marker 1 on/);
  });

  it('refuses the second snapshot with two tokens swapped on a FIFO link, and says so', () => {
    expect(order?.verdict).toBe('refused');
    expect(order?.closest?.differences.map((d) => d.kind)).toEqual(['order']);
    expect(order?.closest?.differences[0]?.text).toContain('N2→N3 records [token(2), token(3)] in flight, the right messages in the wrong order');
  });

  it('finds unique the snapshot whose outcome no timing can change, and not the one overlapping it', () => {
    // Snapshot 0 starts before anything is sent; snapshot 1 starts at N2 while N1's send may or may not have reached
    // it before the marker of snapshot 1 reaches N1.
    const t = must(parseTopology('2\nN1 10\nN2 4\nN1 N2\nN2 N1\n', 'two.txt'));
    const e = must(parseEvents('snapshot N1\nsnapshot N2\nsend N1 N2 3\n', 'events.txt', t));
    const s0 = must(parseSnapshot('0\nN1 10\nN2 4\n', 's0.txt', t));
    const s1 = must(parseSnapshot('1\nN1 7\nN2 4\nN1 N2 token(3)\n', 's1.txt', t));
    const [a, b] = must(admit(t, e, [s0, s1])).snapshots;
    expect([a?.verdict, a?.unique, a?.outcomes]).toEqual(['admitted', true, 1]);
    expect([b?.verdict, b?.unique, b?.outcomes]).toEqual(['admitted', false, 2]);
  });
});

describe('the eight-server scenario of the assignment, with 18 links', () => {
  // A bound of 1,000 states on the search for every cut: each file is then searched for alone (npm run bench runs
  // the whole of it, and these scenarios with every snapshot, against the one-minute target).
  const eight = (events: string, files: string[]) => judged('eight', files, events, { everyCutStates: 1_000 });

  it('admits both snapshots of the script that takes two, one after another', () => {
    const r = eight('events-2seq.txt', ['snapshot-2seq-0.txt', 'snapshot-2seq-1.txt']);
    expect(r.snapshots.map((s) => [s.id, s.verdict])).toEqual([[0, 'admitted'], [1, 'admitted']]);
    expect(r.searches.filter((s) => s.file !== undefined).every((s) => s.exhaustive)).toBe(true);
  });

  it('refuses a snapshot with a message dropped from a channel, and one with a token moved between servers', () => {
    const dropped = eight('events-2seq.txt', ['dropped-2seq-1.txt']).snapshots[0];
    expect([dropped?.verdict, dropped?.outcomesExhaustive]).toEqual(['refused', false]);
    const moved = eight('events-5overlap.txt', ['moved-5overlap-3.txt', 'snapshot-5overlap-3.txt']).snapshots;
    expect(moved.map((s) => s.verdict)).toEqual(['refused', 'admitted']);
  });
});

describe('cutcheck admit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cutcheck-admit-'));
  const two = (...files: string[]) => ['admit', 'two/topology.txt', 'two/events.txt', ...files.map((f) => `two/${f}`)];

  it('exits 0 when every snapshot is admitted, and prints its witness', () => {
    const r = cli(two('snapshot-admitted.txt'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('two/snapshot-admitted.txt: snapshot 0 ADMITTED: one of 4 cuts the scenario can record for it, depending on timing');
    expect(r.out).toContain('witness (7 steps): N1: send 3 to N2; N2: send 1 to N1; N1: start snapshot 0;');
    expect(r.out).toMatch(/verdict: ADMITTED \(the snapshot\)$/m);
  });

  it('exits 1 when one is refused, with its closest cut and the differences', () => {
    const r = cli(two('snapshot-admitted.txt', 'snapshot-moved.txt'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('    closest admissible cut: N1 7, N2 12; N2→N1 [token(1)]');
    expect(r.out).toContain('    - 1 token moved from N2 to N1');
    expect(r.out).toMatch(/verdict: REFUSED \(1 of 2 snapshots\)$/m);
  });

  it('exits 3 when the state bound leaves one undecided', () => {
    const r = cli(['admit', 'three/topology.txt', 'three/events.txt', 'three/snapshot-1.txt', '--max-states', '5']);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/verdict: INCOMPLETE \(1 of 1 undecided\)$/m);
  });

  it('decides overlapping snapshots, one search each, and says so', () => {
    const r = cli(['admit', 'three/topology.txt', 'three/events.txt', 'three/snapshot-0.txt', 'three/snapshot-1.txt']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/search: 331 states \(one search per snapshot: 0: 224, 1: 107\), every timing explored/);
    expect(r.out).toMatch(/verdict: ADMITTED \(both snapshots\)$/m);
    // Without partial-order reduction: the same verdicts from more states.
    const full = cli(['admit', 'three/topology.txt', 'three/events.txt', 'three/snapshot-0.txt', 'three/snapshot-1.txt', '--no-por']);
    expect(full.code).toBe(0);
    expect(full.out).toMatch(/search: 3,374 states \(one search per snapshot: 0: 2,095, 1: 1,279\), every timing explored/);
  });

  it('prints one JSON object that its schema accepts', () => {
    const r = cli([...two('snapshot-admitted.txt', 'snapshot-order.txt'), '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as { snapshots: { verdict: string; differences?: { kind: string }[] }[] };
    expect(out.snapshots.map((s) => s.verdict)).toEqual(['admitted', 'refused']);
    expect(out.snapshots[1]?.differences?.map((d) => d.kind)).toEqual(['order']);
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    const schemas = new URL('../docs/schema/', import.meta.url);
    for (const f of ['defs.schema.json', 'admit.schema.json']) ajv.addSchema(JSON.parse(readFileSync(new URL(f, schemas), 'utf8')) as object);
    const validate = ajv.getSchema('urn:cutcheck:schema:admit:1');
    expect(validate?.(out) === true ? '' : ajv.errorsText(validate?.errors)).toBe('');
    // The schema has teeth: a verdict it does not know is refused.
    expect(validate?.({ ...out, snapshots: [{ ...out.snapshots[0], verdict: 'maybe' }] })).toBe(false);
  });

  it('writes each run as an ITF trace that replay re-runs and render draws', () => {
    const out = join(dir, 'witnesses');
    const r = cli([...two('snapshot-admitted.txt', 'snapshot-dropped.txt'), '--witness-out', out]);
    expect(r.code).toBe(1);
    const admitted = join(out, 'snapshot-admitted.itf.json');
    expect(r.out).toContain(`wrote ${admitted} (cutcheck replay ${admitted}; cutcheck render ${admitted})`);
    const replay = cli(['replay', admitted]);
    expect([replay.code, replay.out]).toEqual([0, expect.stringContaining('every step applies') as unknown]);
    expect(replay.out).toContain('no check fails at the end of this trace');
    const closest = cli(['replay', join(out, 'snapshot-dropped.closest.itf.json')]);
    expect(closest.code).toBe(0);
    const drawn = cli(['render', admitted, '--format', 'svg']);
    expect(drawn.code).toBe(0);
    expect(drawn.out).toContain('<svg');
  });

  it('writes the run of an overlapping snapshot so that replay follows that snapshot too', () => {
    const out = join(dir, 'overlapping');
    const r = cli(['admit', 'three/topology.txt', 'three/events.txt', 'three/snapshot-1.txt', '--witness-out', out]);
    expect(r.code).toBe(0);
    const file = join(out, 'snapshot-1.itf.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { '#meta': { rebuild: { args: { scenario: { track: number } } } } };
    expect(doc['#meta'].rebuild.args.scenario.track).toBe(1);
    const replay = cli(['replay', file]);
    expect([replay.code, replay.out]).toEqual([0, expect.stringContaining('every step applies') as unknown]);
    expect(readFileSync(file, 'utf8')).toContain('receives marker 1 on N3→N1');
  });

  it.each([
    [['two/topology.txt', 'two/events.txt'], "CC007 (usage): 'admit' takes a topology file, an events file and at least one snapshot file, e.g. cutcheck admit topology.txt events.txt snap0.txt (or a topology and --log LOG.jsonl)"],
    [['two/topology.txt', 'two/events.txt', 'nope.txt'], "CC010 (file): 'nope.txt' does not exist"],
    [['two/topology.txt', 'two/events.txt', 'two'], "CC010 (file): 'two' is a folder, not a scenario file"],
    [['two/topology.txt', 'two/events.txt', 'two/snapshot-admitted.txt', '--order', 'random'], "CC007 (usage): --order takes global or process, got 'random'"],
  ])('refuses %j in one line, exit 2', (args, message) => {
    const r = cli(['admit', ...args]);
    expect([r.code, r.err.trim()]).toEqual([2, `cutcheck: error ${message}`]);
  });

  it('names the file, the line and what was expected in a malformed snapshot', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'bad.txt'), '0\nN1 7\nN2 twelve\n');
    const r = cli(['admit', 'two/topology.txt', 'two/events.txt', join(dir, 'bad.txt')]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(new RegExp(`^cutcheck: error CC013 \\(malformed scenario file\\): ${join(dir, 'bad.txt').replace(/[.]/g, '\\.')}:3: `));
  });
});
