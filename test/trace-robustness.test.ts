// Trace files from anywhere: a malformed one is one line naming the field (CC011), one that cannot be read is CC010,
// no random edit of a real trace makes replay or render throw, hang or say more than one line, and replay runs no
// model file a trace names from outside the working directory.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bank, edges, verify, writeupModel, type ModelSpec } from '../src/index.ts';
import { formatError, type Result } from '../src/errors.ts';
import { traceSteps, traceViolation } from '../src/trace/api.ts';
import type { Rebuild, TraceDoc } from '../src/trace/document.ts';
import { toItfTrace } from '../src/trace/itf.ts';
import { replayFile, type ReplayArgs, type ReplayEnv } from '../src/cli/replay.ts';
import { FORMATS, renderFile, type Format } from '../src/cli/render.ts';
import { plainStyle } from '../src/report/text.ts';
import { paddedLost, paddedSpec, writeupStory } from './stories.ts';
import { CLI_MAIN } from './cli-main.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'cutcheck-robustness-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const quiet: ReplayEnv = { cwd: ROOT, note: () => undefined };
const replayArgs = (file: string, more: Partial<ReplayArgs> = {}): ReplayArgs => ({ command: 'replay', file, original: false, json: false, color: false, ...more });
const replay = (file: string, env: ReplayEnv = quiet, more: Partial<ReplayArgs> = {}) => replayFile(replayArgs(file, more), plainStyle, env);
const render = (file: string, format: Format) => renderFile({ command: 'render', file, format, original: false });

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let written = 0;
/** Writes `text` to a fresh file under TMP and returns its path. */
const fileWith = (text: string): string => {
  const path = join(TMP, `trace-${written++}.itf.json`);
  writeFileSync(path, text);
  return path;
};

const traceText = (doc: TraceDoc): string => JSON.stringify(toItfTrace(doc));

/**
 * The bundled models that verify finds violated, each with the command-line options that build the same model: the
 * traces record those, so that the fuzzing below does not import a model file hundreds of times (replaying each
 * trace once checks the options build the very model, by its fingerprint).
 */
const BUNDLED: Readonly<Record<string, Rebuild['args']>> = {
  'bank-unordered': { topology: 'complete:3', workload: 'bank:2,2', channels: 'unordered' },
  'broken-channel-at-recording': { topology: 'complete:3', variant: 'channel-at-recording' },
  'broken-close-all': { topology: 'complete:3', variant: 'close-all' },
  'broken-ignore-ids': { topology: 'edges:0>1,1>0', duplicating: true, faults: 1, faultMessages: 'markers', snapshots: 2, variant: 'ignore-ids' },
  'broken-no-forwarding': { topology: 'complete:3', variant: 'no-forwarding' },
  'broken-record-after-handling': { topology: 'complete:3', variant: 'record-after-handling' },
  'lossy-markers': { topology: 'complete:3', lossy: true, faults: 1, faultMessages: 'markers' },
};

async function bundledTrace(name: string, args: Rebuild['args']): Promise<string> {
  const spec = ((await import(`../models/${name}.ts`)) as { default: ModelSpec<unknown, unknown> }).default;
  const r = must(verify(spec));
  const v = r.violations[0];
  if (v === undefined) throw new Error(`models/${name}.ts has no violation`);
  return traceText(must(traceViolation(spec, v, { capacity: r.stats.capacity, rebuild: { args }, minimise: { maxTries: 300 } })).doc);
}

const twoBanks = { name: 'two banks', topology: edges([[0, 1], [1, 0]]), workload: bank(1, 1), network: { discipline: 'unordered' as const } };
/** What `cutcheck verify --topology edges:0>1,1>0 --channels unordered --trace-out` writes: a built-in model. */
const twoBanksText = traceText(must(traceViolation(twoBanks, must(verify(twoBanks)).violations[0]!, { rebuild: { args: { topology: 'edges:0>1,1>0', channels: 'unordered' } } })).doc);

/** A lost message padded with transfers that do not matter: minimised, with the search's own trace kept beside it. */
const paddedText = traceText(must(traceSteps(paddedSpec, paddedLost, { minimise: true, rebuild: { args: BUNDLED['bank-unordered'] ?? {} } })).doc);

/** The write-up's story, which breaks nothing: a trace with no violation, naming its model file as verify would. */
const storyDoc = (file: string): TraceDoc => must(traceSteps(writeupModel, writeupStory, { rebuild: { file, args: {} } })).doc;

const BASES: readonly { readonly name: string; readonly text: string }[] = [
  ...(await Promise.all(Object.entries(BUNDLED).map(async ([name, args]) => ({ name: `models/${name}.ts`, text: await bundledTrace(name, args) })))),
  { name: 'two banks (built in)', text: twoBanksText },
  { name: 'padded and minimised', text: paddedText },
];

// ---- editing JSON in place ----

type Key = string | number;
type Place = readonly Key[];
type Container = Record<Key, unknown>;
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** Every place below the top of a JSON value, as the keys that lead there. */
function placesOf(v: unknown, here: Place = [], out: Place[] = []): Place[] {
  if (isContainer(v))
    for (const [k, x] of Object.entries(v)) {
      const p = [...here, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      placesOf(x, p, out);
    }
  return out;
}

function parentOf(doc: unknown, place: Place): [Container, Key] {
  let v = doc;
  for (const k of place.slice(0, -1)) v = (v as Container)[k];
  return [v as Container, place[place.length - 1] as Key];
}

function setAt(doc: unknown, place: Place, value: unknown): void {
  const [parent, key] = parentOf(doc, place);
  parent[key] = value;
}

function deleteAt(doc: unknown, place: Place): void {
  const [parent, key] = parentOf(doc, place);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else Reflect.deleteProperty(parent, key);
}

/** `text` (a trace) parsed, edited by `f`, and written back as JSON. */
const edited = (text: string, f: (doc: Container) => void): string => {
  const doc = JSON.parse(text) as Container;
  f(doc);
  return JSON.stringify(doc);
};
const get = (doc: unknown, place: Place): unknown => place.reduce<unknown>((v, k) => (v as Container)[k], doc);

/** A value nested `levels` deep, objects and lists in turn. */
const nested = (levels: number): unknown => {
  let v: unknown = 0;
  for (let i = 0; i < levels; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
};

/** An error fit for the terminal: a known code, one line, even as the CLI prints it. */
function expectOneLine(r: Result<unknown>): void {
  if (r.ok) return;
  expect(r.error.code).toMatch(/^CC0(0[1-9]|1[01])$/);
  expect(r.error.message).not.toMatch(/[\n\r\u2028\u2029]/);
  expect(formatError(r.error).split('\n')).toHaveLength(1);
}

/** Replay and every renderer fail on `path` with the same error, of `code`, one line, matching `message`. */
async function expectRefused(path: string, code: string, message: RegExp): Promise<void> {
  for (const r of [await replay(path), ...FORMATS.map((f) => render(path, f))]) {
    expect(r.ok).toBe(false);
    if (r.ok) continue;
    expectOneLine(r);
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(message);
  }
}

// ---- task 1: the shape is checked once, on reading ----

const base = twoBanksText;
const deepText = (levels: number): string => base.replace(/"capacity":\d+/, `"capacity":${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('a trace file whose shape is wrong', () => {
  it.each([
    ["a #bigint that spells no number in a process's local state", edited(base, (d) => setAt(d, ['states', 1, 'local', '#map', 0, 1, 'balance'], { '#bigint': 'abc' })), /: states\[1\]\.local\.#map\[0\]\[1\]\.balance\.#bigint must be a whole number in decimal digits \(at most 1000\), got 'abc'$/],
    ['a #bigint that spells no number as a step\'s process', edited(base, (d) => setAt(d, ['#meta', 'steps', 0, 'process'], { '#bigint': 'abc' })), /#meta\.steps\[0\]\.process\.#bigint must be a whole number in decimal digits/],
    ['a #bigint far too long to be read', edited(base, (d) => setAt(d, ['#meta', 'capacity'], { '#bigint': '9'.repeat(100_000) })), /#meta\.capacity\.#bigint must be a whole number in decimal digits \(at most 1000\), got '9{20,}/],
    ['lists nested 200,000 deep', deepText(200_000), /: nested too deep at #meta\.capacity\[0\]\[0\]\[0\].*….*\[0\] \(more than 1000 levels\)$/],
    ['objects nested 200,000 deep', base.replace(/"capacity":\d+/, `"capacity":${'{"a":'.repeat(200_000)}0${'}'.repeat(200_000)}`), /: nested too deep at #meta\.capacity\.a\.a\.a.* \(more than 1000 levels\)$/],
    ['an explanation that is null', edited(base, (d) => setAt(d, ['#meta', 'violation', 'explanation'], null)), /: #meta\.violation\.explanation must be a string, got null$/],
    ['process names that are not strings', edited(base, (d) => setAt(d, ['#meta', 'model', 'processes'], [1, null, {}])), /: #meta\.model\.processes\[0\] must be a string, got 1$/],
    ['a model file named by a number', edited(base, (d) => setAt(d, ['#meta', 'rebuild', 'file'], 5)), /: #meta\.rebuild\.file must be a string, got 5$/],
    ['a topology given as a number', edited(base, (d) => setAt(d, ['#meta', 'rebuild', 'args', 'topology'], 5)), /: #meta\.rebuild\.args\.topology must be a string, got 5$/],
    ['an option verify never records', edited(base, (d) => setAt(d, ['#meta', 'rebuild', 'args', 'command'], 'verify')), /: #meta\.rebuild\.args\.command is not an option cutcheck records \(topology, workload/],
    ['a step at a process the model does not have', edited(base, (d) => setAt(d, ['#meta', 'steps', 0, 'process'], 7)), /: step 1\.process must be a whole number from 0 to 1, got 7$/],
    ['a channel to a process the model does not have', edited(base, (d) => setAt(d, ['states', 0, 'inFlight', '#map', 0, 0, '#tup', 1], { '#bigint': '5' })), /: states\[0\]\.inFlight\.#map\[0\]\[0\]\.#tup\[1\] must be a whole number from 0 to 1, got 5$/],
    ['an initiator the model does not have', edited(base, (d) => setAt(d, ['#meta', 'model', 'initiators'], [0, 2])), /: #meta\.model\.initiators\[1\] must be a whole number from 0 to 1, got 2$/],
    ['a state missing', edited(base, (d) => (get(d, ['states']) as unknown[]).pop()), /: states must hold 5 states, one more than the 4 steps, got a list of 4 items$/],
    ['a state with a process missing', edited(base, (d) => (get(d, ['states', 2, 'local', '#map']) as unknown[]).pop()), /: states\[2\]\.local\.#map must hold one entry per process of the model \(2\), got a list of 1 item$/],
    ['processes out of order', edited(base, (d) => (get(d, ['states', 2, 'localText', '#map']) as unknown[]).reverse()), /: states\[2\]\.localText\.#map\[0\]\[0\] must be 0 \(one entry per process, in order\), got 1$/],
    ['a channel in flight with no channel state', edited(base, (d) => (get(d, ['states', 1, 'channel', '#map']) as unknown[]).pop()), /: states\[1\]\.channel has no entry for channel 1→0$/],
    ['a channel phase that does not exist', edited(base, (d) => setAt(d, ['states', 1, 'channel', '#map', 0, 1, 'phase'], 'open')), /phase must be one of idle, recording, closed, got 'open'$/],
    ['a message numbered 0', edited(base, (d) => setAt(d, ['states', 1, 'inFlight', '#map', 0, 1, 0, 'id'], 0)), /: states\[1\]\.inFlight\.#map\[0\]\[1\]\[0\]\.id must be a whole number of at least 1, got 0$/],
    ['a guilty message of an unknown kind', edited(base, (d) => setAt(d, ['#meta', 'violation', 'guilty', 'kind'], 'stolen')), /: #meta\.violation\.guilty\.kind must be one of orphan, phantom, lost, got 'stolen'$/],
    ['a capacity beyond what verify allows', edited(base, (d) => setAt(d, ['#meta', 'capacity'], 100_000)), /: #meta\.capacity must be a whole number from 1 to 256, got 100000$/],
    ['a minimisation note that is a number', edited(base, (d) => setAt(d, ['#meta', 'minimisation', 'note'], 5)), /: #meta\.minimisation\.note must be a string, got 5$/],
    ['an ITF map that is not a list of pairs', edited(base, (d) => setAt(d, ['states', 0, 'local', '#map', 1], [1])), /: states\[0\]\.local\.#map\[1\] must be a \[key, value\] pair, got a list of 1 item$/],
    ["a step of the search's original trace at a process the model does not have", edited(paddedText, (d) => setAt(d, ['#meta', 'original', 'steps', 0, 'process'], 9)), /: #meta\.original step 1\.process must be a whole number from 0 to 2, got 9$/],
    ["a state of the search's original trace missing", edited(paddedText, (d) => (get(d, ['#meta', 'original', 'states']) as unknown[]).pop()), /: #meta\.original\.states must hold 13 states, one more than the 12 steps, got a list of 12 items$/],
    ['text that is not JSON', '{', /: the file is not JSON \(/],
    ['an ITF trace of another tool', '{"#meta":{"format":"ITF"},"vars":[],"states":[]}', /: #meta has no cutcheck format version 1/],
    ['a step of an unknown kind', '{"#meta":{"cutcheck":1,"steps":[{"kind":"teleport"}]},"states":[]}', /: step 1\.kind must be one of initiate, act, deliver, drop, duplicate, crash, internal, got 'teleport'$/],
    ['a step with a bad field', '{"#meta":{"cutcheck":1,"steps":[{"kind":"act","process":"one"}]},"states":[]}', /: step 1\.process must be a whole number \(0 or more\), got 'one'$/],
  ])('is refused for %s: one line naming the field, CC011, by replay and by every renderer', async (_what, text, message) => {
    await expectRefused(fileWith(text), 'CC011', message);
  });

  it('never echoes a newline from the file, and clips what it echoes to about 60 characters', async () => {
    const value = `line one\nline two\r\u2028${'x'.repeat(500)}`;
    const path = fileWith(edited(base, (d) => setAt(d, ['#meta', 'violation', 'check'], value)));
    const r = await replay(path);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expectOneLine(r);
    const got = /got (.*)$/.exec(r.error.message)?.[1] ?? '';
    expect(got).toMatch(/^'line one\\n ?line two.*xxx.*'$/);
    expect(got.length).toBeLessThan(70);
  });

  it('is read once and then trusted: an unchanged trace replays and renders in every format', async () => {
    const path = fileWith(base);
    const r = must(await replay(path));
    expect(r.outcome.recurs).toBe(true);
    for (const f of FORMATS) expect(must(render(path, f)).text.length).toBeGreaterThan(100);
  });
});

describe('a trace file that cannot be read', () => {
  it('is CC010 when it does not exist, not "does not fit"', async () => {
    const r = await replay('no-such-trace.itf.json');
    expect(r.ok ? null : r.error).toEqual({ code: 'CC010', message: "trace file 'no-such-trace.itf.json' does not exist" });
    const s = render('no-such-trace.itf.json', 'svg');
    expect(s.ok ? null : s.error.code).toBe('CC010');
  });

  it('is CC010 when it is a directory', async () => {
    await expectRefused(TMP, 'CC010', /^trace file '.*' is a directory, not a trace file$/);
  });

  it.skipIf(process.getuid?.() === 0)('is CC010 when it may not be read', async () => {
    const path = fileWith(base);
    chmodSync(path, 0o000);
    await expectRefused(path, 'CC010', /^trace file '.*' cannot be read: permission denied$/);
  });

  it('is one line on stderr and exit 2 from the command line, for each kind of bad file', () => {
    const bigint = fileWith(edited(base, (d) => setAt(d, ['states', 1, 'local', '#map', 0, 1, 'balance'], { '#bigint': 'abc' })));
    const nullExplanation = fileWith(edited(base, (d) => setAt(d, ['#meta', 'violation', 'explanation'], null)));
    for (const [args, line] of [
      [['replay', bigint], /^cutcheck: error CC011 \(malformed trace\): .*#bigint must be a whole number/],
      [['render', fileWith(deepText(200_000)), '--format', 'svg'], /^cutcheck: error CC011 \(malformed trace\): .*nested too deep at #meta\.capacity/],
      [['render', nullExplanation, '--format', 'html'], /^cutcheck: error CC011 \(malformed trace\): .*#meta\.violation\.explanation must be a string, got null$/],
      [['replay', TMP], /^cutcheck: error CC010 \(file\): trace file '.*' is a directory, not a trace file$/],
    ] as const) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err.trimEnd()).toMatch(line);
    }
  });
});

// ---- task 2: random edits of real traces ----

const DEEP = nested(1500);
const VALUE = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1, 2, 1.5, 2 ** 53, 1e300),
  fc.integer({ min: -3, max: 12 }),
  fc.constantFrom<unknown>('', 'x', 'marker', '$1', 'a\nb', '\u2028', 'x'.repeat(300), '__proto__', 'unordered'),
  fc.string({ maxLength: 6 }),
  fc.constantFrom<unknown>([], [1, null, {}], {}, { '#bigint': 'zz' }, { '#bigint': '99999999999999999999999' }, { '#bigint': '-1' }, { '#map': 5 }, { '#map': [[1]] }, { '#tup': [] }, { '#set': {} }, { '#unserializable': 1 }, { tag: 'Some' }, DEEP),
);
/** A value like `v` but different (another small number, another string, the other boolean, a list one longer or shorter): edits that often keep the file well formed. */
function tweak(v: unknown, n: number): unknown {
  const small = (n % 7) - 2;
  if (typeof v === 'number') return small;
  if (typeof v === 'string') return ['', 'x', 'marker', '$1', 'P0', `${v}${v}`][n % 6];
  if (typeof v === 'boolean') return !v;
  if (Array.isArray(v)) return n % 2 === 0 ? v.slice(1) : [...v, structuredClone(v[0])];
  if (isContainer(v) && typeof v['#bigint'] === 'string') return { '#bigint': String(small) };
  return v;
}
const EDIT = fc.record({ how: fc.constantFrom('remove', 'set', 'tweak'), at: fc.nat(), inMeta: fc.boolean(), value: VALUE });
const CASE = fc.record({
  base: fc.nat({ max: BASES.length - 1 }),
  edits: fc.array(EDIT, { minLength: 1, maxLength: 3 }),
  truncate: fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: fc.nat(), weight: 1 }),
  format: fc.constantFrom(...FORMATS),
});

describe('random edits of real trace files', () => {
  it.each(BASES.map((b) => [b.name, b.text] as const))('start from a trace of %s that replays to its violation and renders', async (_name, text) => {
    const path = fileWith(text);
    const r = must(await replay(path));
    expect(r.outcome.recurs).toBe(true);
    expect(r.outcome.fingerprint.now).toBe(r.outcome.fingerprint.recorded);
    for (const f of FORMATS) must(render(path, f));
  });

  it('never make replay or render throw, hang, or fail with more than one line (500 runs, fixed seed)', async () => {
    const path = join(TMP, 'fuzz.itf.json');
    const outcomes = new Map<string, number>();
    const count = (what: string): void => void outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(CASE, async ({ base: b, edits, truncate, format }) => {
        const doc = JSON.parse((BASES[b] as { text: string }).text) as unknown;
        for (const e of edits) {
          const all = placesOf(doc);
          const pool = e.inMeta ? all.filter((p) => p[0] === '#meta') : all;
          const place = pool[e.at % pool.length];
          if (place === undefined) continue;
          if (e.how === 'remove') deleteAt(doc, place);
          else setAt(doc, place, e.how === 'set' ? structuredClone(e.value) : tweak(get(doc, place), e.at));
        }
        const text = JSON.stringify(doc);
        writeFileSync(path, truncate === null ? text : text.slice(0, truncate % text.length));
        const started = performance.now();
        const results = [await replay(path), render(path, format)];
        slowest = Math.max(slowest, performance.now() - started);
        for (const r of results) {
          expectOneLine(r);
          count(r.ok ? 'ok' : r.error.code);
        }
      }),
      { seed: 20_240_611, numRuns: 500 },
    );
    // The edits reach past the reader too: some traces stay well formed (and then replay or fit, or not).
    expect(outcomes.get('CC011') ?? 0).toBeGreaterThan(100);
    expect((outcomes.get('ok') ?? 0) + (outcomes.get('CC009') ?? 0)).toBeGreaterThan(50);
    expect(slowest).toBeLessThan(5_000);
  });
});

// ---- task 3: replay runs no model file a trace names from elsewhere ----

describe('replaying a trace that names a model file', () => {
  const outside = mkdtempSync(join(TMP, 'outside-'));
  const marker = join(outside, 'ran');
  /** A "model" that, if anything ever imported it, would leave `marker` behind. */
  const hostile = (path: string, leaves: string): string => {
    writeFileSync(path, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(leaves)}, 'ran');\nexport default {};\n`);
    return path;
  };
  const evil = hostile(join(outside, 'evil.mjs'), marker);
  const naming = (file: string, where = TMP): string => {
    const path = join(where, `names-${written++}.itf.json`);
    writeFileSync(path, traceText(storyDoc(file)));
    return path;
  };
  const refusal = /the trace names model file '.*', outside the working directory, .*pass --model MODEL\.ts/;

  it('would leave the marker behind if it ran the hostile file (the fixture works)', () => {
    const control = join(outside, 'control');
    expect(spawnSync(process.execPath, [hostile(join(outside, 'control.mjs'), control)]).status).toBe(0);
    expect(existsSync(control)).toBe(true);
  });

  it.each([
    ['an absolute path elsewhere', () => naming(evil), quiet],
    ['a path that climbs out with ../', () => naming('../evil.mjs', join(outside, 'inner')), { cwd: join(outside, 'inner'), note: () => undefined }],
    ['a file beside a trace that lies elsewhere', () => naming('evil.mjs', outside), quiet],
    ['a symbolic link inside the working directory to a file elsewhere', () => naming('link.mjs', join(outside, 'inner')), { cwd: join(outside, 'inner'), note: () => undefined }],
  ] as const)('refuses %s, naming the file and saying to pass --model, and runs nothing', async (_what, trace, env) => {
    mkdirSync(join(outside, 'inner'), { recursive: true });
    if (!existsSync(join(outside, 'inner', 'link.mjs'))) symlinkSync(evil, join(outside, 'inner', 'link.mjs'));
    const r = await replay(trace(), env);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CC004');
      expect(r.error.message).toMatch(refusal);
      expectOneLine(r);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses from the command line too: exit 2, one line, and no marker', () => {
    const r = cli('replay', naming(evil));
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(refusal);
    expect(existsSync(marker)).toBe(false);
  });

  it('loads the model the user names with --model instead, and never the one the trace names', async () => {
    const notes: string[] = [];
    const r = must(await replay(naming(evil), { cwd: ROOT, note: (l) => notes.push(l) }, { model: 'models/writeup.ts' }));
    expect(r.outcome.violation).toBeNull();
    expect(notes).toEqual([]);
    expect(existsSync(marker)).toBe(false);
  });

  it('loads a model file inside the working directory after saying, in one line, which file it loads', async () => {
    const notes: string[] = [];
    const r = must(await replay(naming('models/writeup.ts'), { cwd: ROOT, note: (l) => notes.push(l) }));
    expect(r.outcome.violation).toBeNull();
    expect(notes).toEqual(["cutcheck: loading model file 'models/writeup.ts', as the trace names it (--model MODEL.ts loads another)"]);
  });

  it('needs no file at all for a built-in model', async () => {
    const notes: string[] = [];
    must(await replay(fileWith(twoBanksText), { cwd: ROOT, note: (l) => notes.push(l) }));
    expect(notes).toEqual([]);
  });
});
