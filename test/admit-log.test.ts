// `cutcheck admit --log`: an implementation's event log replayed against the model. The logs here come from a small
// Chandy-Lamport implementation written for the tests (reference/cl-implementation.ts), under random schedules,
// with several snapshots at once: every correct log fits, and every snapshot it collects is the cut the model
// records along that run; the same implementation with a marker forwarded late is refused at the very send that
// overtook the marker. Hand-made corruptions of a log are each refused at the line where they first show.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSnapshot, parseTopology, type ScenarioTopology } from '../src/admit/formats.ts';
import { parseLog } from '../src/admit/log-format.ts';
import { admitLog, type AdmitLogResult } from '../src/admit/log.ts';
import { must } from './mutation/models.ts';
import { simulate, type SimEvent } from './reference/cl-implementation.ts';
import { seeded } from './reference/make-log-fixtures.ts';
import { CLI_MAIN } from './cli-main.ts';

const FIXTURES = new URL('fixtures/admit/', import.meta.url).pathname;
const read = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');
const three = must(parseTopology(read('three/topology.txt'), 'topology.txt'));
const lines = (f: string) => read(f).trimEnd().split('\n');

/** A log (its lines) replayed against a topology. */
function replayed(log: readonly string[], t: ScenarioTopology = three, unordered = false): AdmitLogResult {
  const events = must(parseLog(log.join('\n'), 'run.jsonl', t));
  return must(admitLog(t, events, 'run.jsonl', [], unordered ? { discipline: 'unordered' } : {}));
}

const cli = (args: string[], cwd = FIXTURES) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('a correct log of two overlapping snapshots', () => {
  const log = lines('log/several.jsonl');
  const r = replayed(log);

  it('fits the model, and each snapshot it collected is the cut the model records along its run', () => {
    expect(r.misfit).toBeUndefined();
    expect(r.starts.map((s) => [s.id, s.server, s.line])).toEqual([
      [0, 'N1', 6],
      [1, 'N3', 17],
    ]);
    // Snapshot 1 starts (line 17) before snapshot 0 completes (line 24): they overlap.
    expect(r.snapshots.map((s) => [s.id, s.verdict, s.completedAt, s.file])).toEqual([
      [0, 'admitted', 24, 'run.jsonl:25'],
      [1, 'admitted', 37, 'run.jsonl:38'],
    ]);
    expect(r.snapshots[1]?.cut).toEqual({ tokens: { N1: 10, N2: 19, N3: 9 }, channels: { 'N1→N2': [], 'N2→N3': [2], 'N3→N1': [], 'N1→N3': [] } });
  });

  it('is accepted from the command line with exit 0, and each run is written as a trace that replay re-runs', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cutcheck-log-')), 'runs');
    const r = cli(['admit', 'three/topology.txt', '--log', 'log/several.jsonl', '--witness-out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('every event of the log can happen, in its order');
    expect(r.out).toMatch(/verdict: ADMITTED \(both snapshots\)$/m);
    for (const id of [0, 1]) {
      const file = join(out, `snapshot-${id}.itf.json`);
      expect(r.out).toContain(`wrote ${file}`);
      const replay = cli(['replay', file]);
      expect([replay.code, replay.out]).toEqual([0, expect.stringContaining('every step applies') as unknown]);
    }
  });

  it('judges snapshot files against the same run: the right one admitted, a wrong one refused with each difference', () => {
    const r = cli(['admit', 'three/topology.txt', '--log', 'log/several.jsonl', 'three/snapshot-1.txt', 'three/snapshot-1-order.txt']);
    expect(r.code).toBe(1);
    // three/snapshot-1.txt is a cut of another run (N2 had sent N3 3 tokens more): not this run's.
    expect(r.out).toMatch(/snapshot 1 \(three\/snapshot-1.txt\): REFUSED: it differs from the cut the model records along the log's run in/);
    const right = join(mkdtempSync(join(tmpdir(), 'cutcheck-log-')), 'snapshot-1.txt');
    writeFileSync(right, '1\nN1 10\nN2 19\nN3 9\nN2 N3 token(2)\n');
    const ok = cli(['admit', 'three/topology.txt', '--log', 'log/several.jsonl', right]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`snapshot 1 (${right}): ADMITTED: it is exactly the cut the model records along the log's run`);
  });

  it('refuses a collected snapshot with a token moved, or two messages swapped, naming the difference', () => {
    const moved = log.map((l) => l.replace('"tokens":{"N1":10,"N2":19,"N3":9}', '"tokens":{"N1":11,"N2":18,"N3":9}'));
    const s = replayed(moved).snapshots[1];
    expect(s?.verdict).toBe('refused');
    expect(s?.differences?.map((d) => d.kind)).toEqual(['moved']);
    expect(s?.differences?.[0]?.text).toMatch(/^1 token moved from N2 to N1: the snapshot records N2 with 18 and N1 with 11, where the cut along the log's run has 19 and 10/);
    const dropped = log.map((l) => l.replace('"messages":[{"src":"N2","dst":"N3","tokens":[2]}]', '"messages":[]'));
    expect(replayed(dropped).snapshots[1]?.differences?.map((d) => [d.kind, d.text])).toEqual([
      ['lost', "token(2) is in flight on N2→N3 in the cut along the log's run, and the snapshot does not record it: that message would be lost"],
    ]);
  });

  it('prints one JSON object that its schema accepts', () => {
    const r = cli(['admit', 'three/topology.txt', '--log', 'log/several.jsonl', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { fits: boolean; snapshots: { verdict: string }[] };
    expect([out.fits, out.snapshots.map((s) => s.verdict)]).toEqual([true, ['admitted', 'admitted']]);
    const late = JSON.parse(cli(['admit', 'three/topology.txt', '--log', 'log/late-marker.jsonl', '--json']).out) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    const schemas = new URL('../docs/schema/', import.meta.url);
    for (const f of ['defs.schema.json', 'admit.schema.json', 'admit-log.schema.json']) ajv.addSchema(JSON.parse(readFileSync(new URL(f, schemas), 'utf8')) as object);
    const validate = ajv.getSchema('urn:cutcheck:schema:admit-log:1');
    for (const o of [out, late]) expect(validate?.(o) === true ? '' : ajv.errorsText(validate?.errors)).toBe('');
    expect(validate?.({ ...out, fits: 'yes' })).toBe(false);
  });
});

describe('a log with a marker forwarded too late', () => {
  it('is refused at the send that overtook the marker, naming the event and what should have come first', () => {
    const r = cli(['admit', 'three/topology.txt', '--log', 'log/late-marker.jsonl']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('REFUSED: the log does not fit the model at line 23, following snapshot 1');
    expect(r.out).toContain('{"event":"send","src":"N1","dst":"N2","id":"m5","tokens":5}');
    expect(r.out).toContain('N1 sends 5 tokens on N1→N2 before the marker of snapshot 1: it recorded on line 21');
    expect(r.out).toContain('- N1 sends the marker of snapshot 1 on N1→N2 (it recorded on line 21)');
    expect(r.out).toMatch(/verdict: REFUSED \(the log\)$/m);
  });
});

describe('a corrupted log', () => {
  const log = lines('log/several.jsonl');
  const without = (n: number) => log.filter((_, i) => i !== n - 1);
  const misfit = (l: readonly string[]) => replayed(l).misfit;

  it('names a marker received before it was sent', () => {
    // Line 9 sends snapshot 0's marker on N1→N2; line 13 receives it.
    expect(misfit(without(9))).toMatchObject({ line: 12, snapshot: 0, reason: 'N2 receives the marker of snapshot 0 on N1→N2 before the log sends it (no marker-sent for it since N1 recorded on line 6)' });
  });

  it('names a message received before it was sent', () => {
    const moved = [log[2], log[0], ...log.slice(1, 2), ...log.slice(3)] as string[];
    expect(misfit(moved)).toMatchObject({ line: 1, reason: 'message m0 is not in flight on N1→N2 here: no message sent on it is still unreceived' });
  });

  it('names a message received out of order on a FIFO link, and accepts the same order on an unordered one', () => {
    const t = must(parseTopology('2\nA 10\nB 0\nA B\n', 't.txt'));
    const l = [
      '{"event":"send","src":"A","dst":"B","tokens":3,"id":"x"}',
      '{"event":"send","src":"A","dst":"B","tokens":4,"id":"y"}',
      '{"event":"receive","src":"A","dst":"B","id":"y"}',
      '{"event":"receive","src":"A","dst":"B","id":"x"}',
    ];
    expect(replayed(l, t).misfit).toMatchObject({ line: 3, reason: 'token(3), sent on A→B on line 1, is ahead of this message on a FIFO link, and has not been received' });
    expect(replayed(l, t, true).misfit).toBeUndefined();
  });

  it('names a recorded state the model does not hold, and a server that records without a marker', () => {
    expect(misfit(log.map((l, i) => (i === 10 ? l.replace('"tokens":10', '"tokens":12') : l)))).toMatchObject({
      line: 11,
      reason: 'N3 records 12 tokens, but it held 10 tokens when it recorded snapshot 0 in the model (line 10)',
    });
    expect(misfit([...log.slice(0, 6), '{"event":"record","server":"N2","snapshot":0}', ...log.slice(6)])).toMatchObject({
      line: 7,
      reason: expect.stringMatching(/^N2 records snapshot 0 without having received its marker, and the snapshot was started by N1 on line 6/) as unknown,
    });
  });

  it('names a server that acts between its first marker and its record line', () => {
    // Line 13: N2 takes its first marker of snapshot 0; line 14 is its record line. N2 sends first here.
    const early = [...log.slice(0, 13), '{"event":"send","src":"N2","dst":"N3","tokens":1}', ...log.slice(13)];
    expect(misfit(early)).toMatchObject({ line: 14, reason: expect.stringMatching(/^N2 took its first marker of snapshot 0 on line 13, and Chandy-Lamport records at once/) as unknown });
    expect(misfit(early)?.couldHave[0]).toBe('N2 records snapshot 0 (it took its first marker on line 13)');
  });

  it('names a send the sender cannot afford', () => {
    const t = must(parseTopology('2\nA 2\nB 0\nA B\n', 't.txt'));
    expect(replayed(['{"event":"send","src":"A","dst":"B","tokens":3}'], t).misfit).toMatchObject({ line: 1, reason: expect.stringMatching(/^A holds 2 tokens here in the model, so it cannot send 3/) as unknown });
  });

  it('refuses a snapshot the log never completes, saying what is missing', () => {
    const r = replayed(log.slice(0, 30));
    expect(r.misfit).toBeUndefined();
    expect(r.snapshots.find((s) => s.id === 1)).toMatchObject({
      verdict: 'refused',
      file: null,
      reason: 'the log ends before snapshot 1 completes: N1 never sends its marker on N1→N2 (it recorded on line 28); N1 never sends its marker on N1→N3 (it recorded on line 28); N2 never records',
    });
  });

  it('names a snapshot that never started', () => {
    expect(misfit(['{"event":"marker-received","src":"N1","dst":"N2","snapshot":4}'])).toMatchObject({
      line: 1,
      reason: 'snapshot 4 has not started here: a snapshot starts where a server records it without having received its marker, and no line of the log does',
    });
  });
});

describe('logs of a Chandy-Lamport implementation under random schedules', () => {
  const topologies = fc.record({
    n: fc.integer({ min: 2, max: 4 }),
    extra: fc.array(fc.tuple(fc.nat(3), fc.nat(3)), { maxLength: 4 }),
    tokens: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 4 }),
  });
  const scripts = fc.array(fc.oneof(fc.record({ send: fc.tuple(fc.nat(20), fc.integer({ min: 1, max: 4 })) }), fc.record({ snapshot: fc.nat(3) })), { minLength: 1, maxLength: 10 });
  /** A topology: a ring through every server (so that every marker reaches everyone), and a few more links. */
  const build = (p: { n: number; extra: [number, number][]; tokens: number[] }) => {
    const ids = Array.from({ length: p.n }, (_, i) => `S${i + 1}`);
    const links = new Map<string, { src: string; dst: string }>();
    for (let i = 0; i < p.n; i++) links.set(`${i}>${(i + 1) % p.n}`, { src: ids[i] as string, dst: ids[(i + 1) % p.n] as string });
    for (const [a, b] of p.extra) if (a < p.n && b < p.n && a !== b) links.set(`${a}>${b}`, { src: ids[a] as string, dst: ids[b] as string });
    return { servers: ids.map((id, i) => ({ id, tokens: p.tokens[i] as number })), links: [...links.values()] };
  };
  const scriptOn = (t: ScenarioTopology, raw: readonly ({ send: [number, number] } | { snapshot: number })[]): SimEvent[] =>
    raw.map((e) => {
      if ('snapshot' in e) return { snapshot: t.servers[e.snapshot % t.servers.length]?.id as string };
      const l = t.links[e.send[0] % t.links.length] as { src: string; dst: string };
      return { send: [l.src, l.dst, e.send[1]] };
    });

  it('fit the model, and every snapshot collected is the cut along its run (FIFO and unordered links, ids and tokens given or not)', () => {
    const seen = { collected: 0, overlapping: 0, incomplete: 0 };
    fc.assert(
      fc.property(topologies, scripts, fc.integer(), fc.boolean(), fc.boolean(), fc.option(fc.nat(), { freq: 2 }), (tp, raw, seed, unordered, omitFields, truncate) => {
        const t = build(tp);
        const sim = simulate(t, scriptOn(t, raw), seeded(seed), { unordered, omitFields });
        // A log cut short, as a crashed implementation leaves it: not between a first marker and its record line.
        let keep = truncate === null ? sim.log.length : 1 + (truncate % sim.log.length);
        while (keep < sim.log.length && sim.log[keep]?.includes('"event":"record"') === true && sim.log[keep - 1]?.includes('marker-received') === true) keep++;
        const log = sim.log.slice(0, keep);
        fc.pre(log.length > 0);
        const r = replayed(log, t, unordered);
        expect(r.misfit).toBeUndefined();
        for (const s of r.starts) {
          const verdicts = r.snapshots.filter((v) => v.id === s.id);
          const line = log.findIndex((l) => l.startsWith(`{"event":"snapshot","id":${s.id},`)) + 1;
          const collected = line === 0 ? undefined : sim.collected.get(s.id);
          if (collected === undefined && sim.log[log.length]?.startsWith(`{"event":"snapshot","id":${s.id},`) === true) {
            // Cut just before the collected snapshot: it completed (on the last line kept), and none was given.
            expect(verdicts.map((v) => [v.verdict, v.file, v.completedAt])).toEqual([['admitted', null, log.length]]);
          } else if (collected === undefined) {
            seen.incomplete++;
            expect(verdicts.map((v) => [v.verdict, v.file])).toEqual([['refused', null]]);
            expect(verdicts[0]?.reason).toMatch(/^the log ends before snapshot \d+ completes: /);
          } else {
            seen.collected++;
            // Another snapshot started between this one's start and its completion: they overlapped.
            if (r.starts.some((o) => o.line > s.line && o.line < (verdicts[0]?.completedAt ?? 0))) seen.overlapping++;
            expect(verdicts.map((v) => v.verdict)).toEqual(['admitted']);
            const sorted = (c: Record<string, number[]>) => (unordered ? Object.fromEntries(Object.entries(c).map(([k, m]) => [k, [...m].sort((a, b) => a - b)])) : c);
            expect(verdicts[0]?.cut).toEqual({ tokens: collected.tokens, channels: sorted(collected.channels) });
          }
        }
      }),
      { numRuns: 120, seed: 20261207 },
    );
    // The property is not vacuous: many snapshots complete, some while another runs, and some never complete.
    expect(seen).toEqual({ collected: expect.toSatisfy((n: number) => n > 80) as unknown, overlapping: expect.toSatisfy((n: number) => n > 20) as unknown, incomplete: expect.toSatisfy((n: number) => n > 5) as unknown });
  });

  it('with a marker forwarded late, are refused exactly when a message overtook a marker, at that send', () => {
    let refused = 0;
    fc.assert(
      fc.property(topologies, scripts, fc.integer(), (tp, raw, seed) => {
        const t = build(tp);
        const sim = simulate(t, scriptOn(t, raw), seeded(seed), { lateMarker: true });
        fc.pre(sim.log.length > 0);
        const r = replayed(sim.log, t);
        if (sim.late.length === 0) expect(r.misfit).toBeUndefined();
        else {
          refused++;
          expect(r.misfit?.line).toBe(sim.late[0]);
          expect(r.misfit?.reason).toMatch(/ before the marker of snapshot \d+: it recorded on line \d+, and Chandy-Lamport sends a marker on every out-channel right after recording/);
        }
      }),
      { numRuns: 120, seed: 20261208 },
    );
    // The property is not vacuous: the bug shows in a good share of the runs.
    expect(refused).toBeGreaterThan(20);
  });
});

describe('a malformed log', () => {
  const bad = (text: string) => {
    const r = parseLog(text, 'run.jsonl', three);
    return r.ok ? 'parsed' : `${r.error.code} ${r.error.message}`;
  };

  it('gets one line naming the file, the line and what was expected', () => {
    expect(bad('{"event":"send","src":"N1","dst":"N2","tokens":3}\nnot json')).toMatch(/^CC013 run\.jsonl:2: not a JSON object on one line \(/);
    expect(bad('{"event":"sent","src":"N1","dst":"N2","tokens":3}')).toBe(
      'CC013 run.jsonl:1: "event" must be one of "send", "receive", "marker-sent", "marker-received", "record", "snapshot", "tick", got "sent"',
    );
    expect(bad('{"event":"send","src":"N1","dst":"N2","token":3}')).toBe('CC013 run.jsonl:1: unknown key "token"; did you mean "tokens"? (a send event has "src", "dst", "tokens", "id")');
    expect(bad('{"event":"send","src":"N1","dst":"N9","tokens":3}')).toBe('CC013 run.jsonl:1: server N9 is not in the topology (servers: N1, N2, N3)');
    expect(bad('{"event":"send","src":"N2","dst":"N1","tokens":3}')).toBe('CC013 run.jsonl:1: the topology has no link N2→N1 (links from N2 go to N3)');
    expect(bad('{"event":"send","src":"N1","dst":"N2","tokens":0}')).toBe('CC013 run.jsonl:1.tokens: expected the tokens the message carries, a whole number from 1 to 1000000000, got 0');
    expect(bad('{"event":"record","server":"N1","snapshot":-1}')).toBe('CC013 run.jsonl:1.snapshot: expected the snapshot id, a whole number from 0 to 1000000000, got -1');
    expect(bad('{"event":"send","src":"N1","dst":"N2","tokens":3,"id":"a"}\n{"event":"send","src":"N1","dst":"N2","tokens":3,"id":"a"}')).toBe(
      'CC013 run.jsonl:2.id: message id a was already sent on line 1; each message has an id of its own',
    );
    expect(bad('{"event":"snapshot","id":0,"tokens":{"N1":1},"messages":[]}')).toMatch(/^CC013 run\.jsonl:1: servers N2, N3 have no recorded state/);
    expect(bad('\n\n')).toBe('CC013 run.jsonl: holds no event: expected one JSON object per line, such as {"event":"send","src":"N1","dst":"N2","tokens":3}');
    expect(bad('[1,2]')).toBe('CC013 run.jsonl:1: expected an event object { "event": KIND, … }, got a list of 2 items');
  });

  it('exits 2 from the command line, with the one line on stderr and no stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cutcheck-log-'));
    writeFileSync(join(dir, 'bad.jsonl'), '{"event":"send","src":"N1"}\n');
    const r = cli(['admit', join(FIXTURES, 'three/topology.txt'), '--log', join(dir, 'bad.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(`${join(dir, 'bad.jsonl')}:1: missing key "dst"`);
  });

  it('refuses flags that mean nothing for a log', () => {
    const r = cli(['admit', 'three/topology.txt', '--log', 'log/several.jsonl', '--order', 'process']);
    expect([r.code, r.err.trim()]).toEqual([2, 'cutcheck: error CC007 (usage): --order has no meaning with --log: the log is one run, replayed in its own order, and nothing is searched']);
  });

  it('refuses a receive on an unordered link that does not say which message, where it matters', () => {
    const t = must(parseTopology('2\nA 10\nB 0\nA B\nB A\n', 't.txt'));
    const log = [
      '{"event":"send","src":"A","dst":"B","tokens":3}',
      '{"event":"record","server":"A","snapshot":0}',
      '{"event":"marker-sent","src":"A","dst":"B","snapshot":0}',
      '{"event":"send","src":"A","dst":"B","tokens":3}',
      '{"event":"receive","src":"A","dst":"B","tokens":3}',
    ];
    const r = admitLog(t, must(parseLog(log.join('\n'), 'run.jsonl', t)), 'run.jsonl', [], { discipline: 'unordered' });
    expect(r.ok ? 'ok' : `${r.error.code} ${r.error.message}`).toBe(
      'CC013 run.jsonl:5: this receive on the unordered link A→B may be token(3) sent on line 1 or token(3) sent on line 4, which snapshot 0 tells apart; give the message\'s "id" (and its send the same id)',
    );
  });
});

describe('snapshot files given with a log', () => {
  it('are refused when the log never starts their snapshot', () => {
    const s = must(parseSnapshot('3\nN1 1\nN2 1\nN3 1\n', 'snap3.txt', three));
    const r = must(admitLog(three, must(parseLog(read('log/several.jsonl'), 'run.jsonl', three)), 'run.jsonl', [s]));
    expect(r.snapshots[0]).toMatchObject({ id: 3, file: 'snap3.txt', verdict: 'refused', reason: 'the log starts only snapshots 0, 1, so it cannot have recorded snapshot 3' });
  });
});
