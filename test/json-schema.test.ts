// The --json outputs against their JSON Schemas (docs/schema/): real outputs of the command line validate, raw
// workload values are encoded safely, and the schemas reject what they should (they have teeth).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { List, Map as IMap } from 'immutable';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edges, verify, type Workload } from '../src/index.ts';
import { errorJson, jsonValue, replayJson, toJson } from '../src/report/json.ts';
import { replayFile } from '../src/cli/replay.ts';
import { plainStyle } from '../src/report/text.ts';
import { CLI_MAIN } from './cli-main.ts';

const SCHEMAS = new URL('../docs/schema/', import.meta.url);
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
for (const f of readdirSync(SCHEMAS).filter((n) => n.endsWith('.schema.json'))) ajv.addSchema(JSON.parse(readFileSync(new URL(f, SCHEMAS), 'utf8')) as object);

type Kind = 'verify' | 'assumptions' | 'compare' | 'replay' | 'prove' | 'error';
/** The schema's errors for `data`, as one string (empty when it validates), so a failure shows what is wrong. */
function problems(kind: Kind, data: unknown): string {
  const validate = ajv.getSchema(`urn:cutcheck:schema:${kind}:1`);
  if (validate === undefined) throw new Error(`no schema for ${kind}`);
  return validate(data) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
}
const valueProblems = (v: unknown): string => {
  const validate = ajv.getSchema('urn:cutcheck:schema:defs:1#/$defs/value');
  if (validate === undefined) throw new Error('no schema for values');
  return validate(v) ? '' : ajv.errorsText(validate.errors);
};

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const json = (out: string): Record<string, unknown> => JSON.parse(out) as Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const UNORDERED = ['--topology', 'edges:0>1,1>0', '--channels', 'unordered'];

describe('the schemas', () => {
  it('are each named, described and closed at the top', () => {
    for (const f of readdirSync(SCHEMAS).filter((n) => n.endsWith('.schema.json'))) {
      const s = JSON.parse(readFileSync(new URL(f, SCHEMAS), 'utf8')) as Record<string, unknown>;
      expect(s['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(typeof s['$id'] === 'string' && typeof s['title'] === 'string' && typeof s['description'] === 'string').toBe(true);
      if (f !== 'defs.schema.json') expect(s['additionalProperties']).toBe(false);
    }
  });
});

describe('verify --json', () => {
  it('validates on a model where every check holds', () => {
    const r = cli('verify', '--topology', 'ring:3', '--workload', 'token:3', '--json');
    expect(r.code).toBe(0);
    const j = json(r.out);
    expect(problems('verify', j)).toBe('');
    expect(j['kind']).toBe('verify');
    // The exactly-once checks need a workload with ghost ids: n/a for a bank.
    expect(Object.values(j['checks'] as object)).toEqual([...Array(5).fill({ status: 'holds', shortest: null }), ...Array(3).fill({ status: 'n/a', shortest: null })]);
  });

  it('validates on a dataflow job whose trace has blocked inputs, restored records and crashes that say what they restore', () => {
    for (const model of ['models/broken-unaligned-restored-unsaved.ts', 'models/broken-abs-unblock-early.ts']) {
      const r = cli('verify', model, '--continue', '--json');
      expect(r.code).toBe(1);
      const j = json(r.out);
      expect(problems('verify', j)).toBe('');
      const text = JSON.stringify(j);
      expect(text).toMatch(model.includes('restored') ? /"restored":true/ : /"blocked":true/);
      expect(text).toMatch(/"kind":"crash","checkpoint":0/);
    }
  });

  let violated: Record<string, unknown>;
  beforeAll(() => {
    const r = cli('verify', ...UNORDERED, '--continue', '--json');
    expect(r.code).toBe(1);
    violated = json(r.out);
  });

  it('validates on a violated model explored with --continue', () => {
    expect(problems('verify', violated)).toBe('');
    expect((violated['checks'] as Record<string, unknown>)['consistent']).toEqual({ status: 'violated', shortest: 4 });
  });

  it('gives raw local states and payloads beside their text, in the trace and in the recorded cut', () => {
    const v = (violated['violations'] as { trace: { steps: { after: { processes: unknown[]; channels: { messages: unknown[] }[] } }[] }; cut: unknown }[])[0];
    const first = v?.trace.steps[0]?.after;
    expect(first?.processes[0]).toEqual({ name: 'P0', local: 'balance 0, 0 left', localValue: { balance: 0, left: 0 }, recorded: null });
    expect(first?.channels[0]?.messages).toEqual([{ kind: 'app', text: '$1', payload: 1, post: false }]);
    expect(v?.cut).toMatchObject({ processes: [{ name: 'P0', state: 'balance 0, 0 left', value: { balance: 0, left: 0 } }, { name: 'P1', value: { balance: 1, left: 1 } }] });
  });

  describe('with --trace-out', () => {
    let dir: string;
    let traced: { code: number | null; out: string };
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'cutcheck-json-'));
      traced = cli('verify', ...UNORDERED, '--trace-out', join(dir, 'cex.itf.json'), '--json');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('validates, with what minimisation did and the step list of each trace', () => {
      expect(traced.code).toBe(1);
      const j = json(traced.out);
      expect(problems('verify', j)).toBe('');
      const v = (j['violations'] as Record<string, unknown>[])[0];
      expect(v?.['traceSteps']).toEqual([
        { kind: 'act', process: 0, label: 'transfer to P1' },
        { kind: 'initiate', process: 0 },
        { kind: 'deliver', from: 0, to: 1, message: 'marker' },
        { kind: 'deliver', from: 1, to: 0, message: 'marker' },
      ]);
      expect(v?.['minimisation']).toMatchObject({ shrunk: false });
    });

    it('replays the trace it wrote to JSON that validates, the violation recurring', async () => {
      const notes: string[] = [];
      const r = await replayFile({ command: 'replay', file: join(dir, 'cex.itf.json'), original: false, json: true, color: false }, plainStyle, { cwd: process.cwd(), note: (n) => notes.push(n) });
      if (!r.ok) throw new Error(r.error.message);
      const j = clone(replayJson(r.value.outcome));
      expect(problems('replay', j)).toBe('');
      expect(j).toMatchObject({ schemaVersion: 1, kind: 'replay', recurs: true, recorded: 'consistent', violation: { check: 'consistent', steps: 4 } });
    });

    it('is what cutcheck replay --json prints', () => {
      const r = cli('replay', join(dir, 'cex.itf.json'), '--json');
      expect(r.code).toBe(1);
      const j = json(r.out);
      expect(problems('replay', j)).toBe('');
      expect(j).toMatchObject({ kind: 'replay', recurs: true, recorded: 'consistent' });
    });
  });
});

describe('assumptions --json', () => {
  it('validates, each row giving its checks in the same shape as verify', () => {
    const r = cli('assumptions', 'models/writeup.ts', '--json');
    expect(r.code).toBe(0);
    const j = json(r.out);
    expect(problems('assumptions', j)).toBe('');
    const fifo = (j['rows'] as { dropped: string; checks: Record<string, unknown> }[]).find((x) => x.dropped === 'fifo');
    expect(fifo?.checks['consistent']).toEqual({ status: 'violated', shortest: 4 });
    expect(fifo?.checks['stable']).toEqual({ status: 'holds', shortest: null });
  });
});

describe('compare --json', () => {
  it('validates, with the costs of each algorithm and the counterexamples of the one that fails', () => {
    const r = cli('compare', ...UNORDERED, '--algorithms', 'chandy-lamport,lai-yang', '--json');
    expect(r.code).toBe(0);
    const j = json(r.out);
    expect(problems('compare', j)).toBe('');
    const [cl, ly] = j['algorithms'] as { name: string; verdict: string; costs: Record<string, unknown>; violations: { check: string }[] }[];
    expect([cl?.name, cl?.verdict, ly?.name, ly?.verdict]).toEqual(['chandy-lamport', 'violated', 'lai-yang', 'holds']);
    expect(cl?.violations.map((v) => v.check)).toContain('consistent');
    expect(ly?.costs['piggybackBits']).toEqual({ min: 1, max: 1 });
    expect(ly?.costs['heldBack']).toBeNull();
  });

  it('validates with the straggler rows, and rejects a row without its lag', () => {
    const r = cli('compare', '-t', 'diamond', '-w', 'records:2', '-a', 'abs,unaligned', '--straggler', 'a>join', '--json');
    expect(r.code).toBe(0);
    const j = json(r.out);
    expect(problems('compare', j)).toBe('');
    expect(j['straggler']).toEqual({ channel: 'a→join', from: 1, to: 3 });
    const rows = (j['algorithms'] as { straggler: { rows: Record<string, unknown>[] } }[]).map((a) => a.straggler.rows.at(-1));
    expect(rows).toEqual([
      { lag: 2, heldBack: 2, recorded: 0, recordedSlow: 0, completions: expect.any(Number) },
      { lag: 2, heldBack: null, recorded: 4, recordedSlow: 2, completions: expect.any(Number) },
    ]);
    const broken = clone(j) as { algorithms: { straggler: { rows: Record<string, unknown>[] } }[] };
    delete broken.algorithms[0]!.straggler.rows[0]!['lag'];
    expect(problems('compare', broken)).toContain("must have required property 'lag'");
  });

  it('rejects a cost range without its maximum, and an algorithm without its costs', () => {
    const r = cli('compare', 'models/user-aligned-markers.ts', '--json');
    expect(r.code).toBe(0);
    const j = json(r.out);
    expect(problems('compare', j)).toBe('');
    const broken = clone(j) as { algorithms: { costs: Record<string, unknown> }[] };
    (broken.algorithms[2] as { costs: Record<string, unknown> }).costs['heldBack'] = { min: 0 };
    expect(problems('compare', broken)).toContain('heldBack');
    const missing = clone(j) as { algorithms: Record<string, unknown>[] };
    delete (missing.algorithms[0] as Record<string, unknown>)['costs'];
    expect(problems('compare', missing)).toContain("must have required property 'costs'");
  });
});

describe('prove --json', () => {
  it('validates on a theorem proved, each row with its facts and the hash of its cuts', () => {
    const r = cli('prove', 'cl-unordered', '--processes', '3', '--json');
    expect(r.code).toBe(0);
    const j = json(r.out);
    expect(problems('prove', j)).toBe('');
    const t = (j['theorems'] as { outcome: string; rows: { shortest: number; predicted: number }[]; certificate: { status: string } }[])[0];
    expect(t?.outcome).toBe('proved');
    expect(t?.rows).toHaveLength(17);
    expect(t?.rows.every((row) => row.shortest === row.predicted)).toBe(true);
    expect(t?.certificate.status).toBe('agrees');
  });

  it('validates on a theorem refuted by a broken variant, with the counterexample steps, and rejects a row without its cut hash', () => {
    const r = cli('prove', 'cl-fifo', '--processes', '2', '-a', 'chandy-lamport/close-all', '--json');
    expect(r.code).toBe(1);
    const j = json(r.out) as { theorems: { refutations: { check: string; steps: string[] }[]; rows: Record<string, unknown>[] }[] };
    expect(problems('prove', j)).toBe('');
    expect(j.theorems[0]?.refutations[0]?.check).toBe('consistent');
    expect(j.theorems[0]?.refutations[0]?.steps.length).toBeGreaterThan(0);
    const bad = clone(j);
    delete bad.theorems[0]?.rows[0]?.['cutsHash'];
    expect(problems('prove', bad)).toContain("must have required property 'cutsHash'");
  });
});

describe('errors as JSON', () => {
  it.each([
    [['verify', '--topology', 'mesh:3', '--json'], 'CC001'],
    [['verify', '--frobnicate', '--json'], 'CC007'],
    [['verify', 'no-such-model.ts', '--json'], 'CC004'],
    [['replay', 'no-such-trace.itf.json', '--json'], 'CC010'],
    [['assumptions', '--max-states', 'x', '--json'], 'CC003'],
    [['compare', '--algorithms', 'chandy-lamport,nope', '--json'], 'CC007'],
    [['prove', 'nope', '--json'], 'CC007'],
  ])('come on stdout from %j, and validate', (args, code) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    const j = json(r.out);
    expect(problems('error', j)).toBe('');
    expect(j).toMatchObject({ kind: 'error', error: { code } });
  });

  it('validate, with the code, its title and the message', () => {
    const j = clone(errorJson({ code: 'CC001', message: "unknown topology 'mesh'" }));
    expect(problems('error', j)).toBe('');
    expect(j).toEqual({ schemaVersion: 1, kind: 'error', error: { code: 'CC001', title: 'bad topology', message: "unknown topology 'mesh'" } });
  });
});

describe('raw values', () => {
  it('are encoded without ever throwing: BigInt, immutable.js, tags, cycles, functions', () => {
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    const cases: [unknown, unknown][] = [
      [{ a: [1, 'x', true, null] }, { a: [1, 'x', true, null] }],
      [123n, { '#bigint': '123' }],
      [IMap({ n: List([1n, 2]) }), { n: [{ '#bigint': '1' }, 2] }],
      [{ '#bigint': 'not a tag' }, { '#object': { '#bigint': 'not a tag' } }],
      [cycle, { self: { '#unserializable': 'a circular reference' } }],
      [() => 1, { '#unserializable': 'shown' }],
      [[Symbol('s'), undefined, Number.NaN], [{ '#unserializable': 'Symbol(s)' }, { '#unserializable': 'undefined' }, { '#unserializable': 'NaN' }]],
      [new Proxy({}, { ownKeys: () => { throw new Error('no'); } }), { '#unserializable': 'shown' }],
    ];
    for (const [value, encoded] of cases) {
      const got = jsonValue(value, 'shown');
      expect(got).toEqual(encoded);
      expect(valueProblems(got)).toBe('');
    }
  });

  it('of a workload with BigInt and immutable.js states reach the verify JSON, which validates', () => {
    // Each process counts what it sent in a BigInt; the channels are unordered, so the snapshot can lose a message.
    const counting: Workload<IMap<string, unknown>, IMap<string, bigint>> = {
      name: 'counting',
      init: () => IMap({ sent: 0n, got: List<bigint>() }),
      actions: (s, ctx) => (s.get('sent') === 0n ? [{ label: 'send', next: s.set('sent', 1n), sends: ctx.out.map((to) => ({ to, msg: IMap({ n: 1n }) })) }] : []),
      receive: (s, _from, m) => ({ next: s.set('got', (s.get('got') as List<bigint>).push(m.get('n') ?? 0n)) }),
      invariants: { 'nothing lost': (g) => g.locals.every((l) => l.get('sent') === 0n) || g.channels.some((c) => c.messages.length > 0) || g.locals.some((l) => (l.get('got') as List<bigint>).size > 0) },
    };
    const r = verify({ name: 'counting', topology: edges([[0, 1], [1, 0]]), workload: counting, network: { discipline: 'unordered' } }, { stopAtFirst: false });
    if (!r.ok) throw new Error(r.error.message);
    const j = clone(toJson(r.value));
    expect(problems('verify', j)).toBe('');
    const text = JSON.stringify(j);
    expect(text).toContain('"localValue":{"sent":{"#bigint":"1"},"got":[]}');
    expect(text).toContain('"payload":{"n":{"#bigint":"1"}}');
  });
});

describe('the schemas have teeth', () => {
  let verified: Record<string, unknown>;
  let matrix: Record<string, unknown>;
  beforeAll(() => {
    verified = json(cli('verify', ...UNORDERED, '--json').out);
    matrix = json(cli('assumptions', 'models/writeup.ts', '--json').out);
  });
  const without = (o: Record<string, unknown>, key: string): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

  it('rejects an output without schemaVersion, with another version, or with another kind', () => {
    expect(problems('verify', verified)).toBe('');
    expect(problems('verify', without(verified, 'schemaVersion'))).toMatch(/schemaVersion/);
    expect(problems('verify', { ...verified, schemaVersion: 2 })).not.toBe('');
    expect(problems('verify', { ...verified, kind: 'replay' })).not.toBe('');
    expect(problems('error', { ...clone(errorJson({ code: 'CC007', message: 'x' })), kind: 'verify' })).not.toBe('');
  });

  it('rejects a check whose status is not holds, violated or unknown, or whose shortest does not fit it', () => {
    const checks = verified['checks'] as Record<string, unknown>;
    expect(problems('verify', { ...verified, checks: { ...checks, stable: { status: 'maybe', shortest: null } } })).not.toBe('');
    expect(problems('verify', { ...verified, checks: { ...checks, consistent: { status: 'violated', shortest: null } } })).not.toBe('');
    expect(problems('verify', { ...verified, checks: { ...checks, consistent: 'violated' } })).not.toBe('');
    expect(problems('verify', { ...verified, checks: without(checks, 'terminates') })).not.toBe('');
  });

  it('rejects the old shapes and fields it does not know', () => {
    const rows = matrix['rows'] as Record<string, unknown>[];
    const old = rows.map((r) => ({ ...r, checks: Object.fromEntries(Object.keys(r['checks'] as object).map((c) => [c, { holds: true, shortest: null }])) }));
    expect(problems('assumptions', matrix)).toBe('');
    expect(problems('assumptions', { ...matrix, rows: old })).not.toBe('');
    expect(problems('verify', { ...verified, extra: 1 })).not.toBe('');
    expect(problems('verify', { ...verified, facts: { ...(verified['facts'] as object), states: 3 } })).not.toBe('');
  });

  it('rejects a recorded state without its raw value, and raw values that misuse a tag', () => {
    const bad = clone(verified) as { violations: { trace: { steps: { after: { processes: Record<string, unknown>[] } }[] } }[] };
    const last = bad.violations[0]?.trace.steps.at(-1)?.after.processes[0];
    expect(last?.['recorded']).toEqual(expect.any(String));
    delete last?.['recordedValue'];
    expect(problems('verify', bad)).toMatch(/recordedValue/);
    expect(valueProblems({ '#bigint': '12x' })).not.toBe('');
    expect(valueProblems({ '#set': [1] })).not.toBe('');
    expect(valueProblems({ '#bigint': '1', extra: 2 })).not.toBe('');
  });
});
