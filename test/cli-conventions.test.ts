// The command line's conventions and its honesty with bad input: help on every command, a version, colour
// switches, output paths checked before the search, one line and exit 2 for every bad model file, one line and
// exit 70 for a bug, and a process that ends when its verdict is out.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { colorWanted } from '../src/cli/main.ts';
import { progressLine, progressText } from '../src/cli/progress.ts';
import type { PhaseProgress } from '../src/check/verify.ts';
import { CLI_MAIN } from './cli-main.ts';

const REPO = new URL('..', import.meta.url).pathname;
const FIX = 'test/fixtures/user';

const cli = (args: readonly string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...opts.env };
  if (opts.env?.['FORCE_COLOR'] === undefined) delete env['FORCE_COLOR'];
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { encoding: 'utf8', env, cwd: opts.cwd ?? REPO, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: performance.now() - started };
};

/** A bad-input outcome: exit 2, and exactly one line on stderr with an error code, no stack trace. */
const oneLineError = (r: { code: number | null; err: string }, code: string, pattern: RegExp): void => {
  expect(r.code).toBe(2);
  const lines = r.err.trimEnd().split('\n');
  expect(lines, r.err).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^cutcheck: error ${code} `));
  expect(lines[0]).toMatch(pattern);
  expect(r.err).not.toMatch(/\n\s+at /);
};

const scratch = mkdtempSync(join(tmpdir(), 'cutcheck-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('help and version', () => {
  it.each(['verify', 'assumptions', 'compare', 'simulate', 'replay', 'render', 'examples'])('answers %s --help with that command\'s usage and exit 0', (cmd) => {
    for (const flag of ['--help', '-h']) {
      const r = cli([cmd, flag]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`cutcheck ${cmd}`));
      expect(r.err).toBe('');
    }
  });

  it('answers --help even after other flags, and help COMMAND', () => {
    expect(cli(['verify', '--topology', 'ring:3', '--help']).out).toMatch(/--max-states N/);
    expect(cli(['help', 'assumptions']).out).toMatch(/exits 0 once the matrix is complete/);
  });

  it('prints the package version for -V, --version and version', () => {
    const version = (JSON.parse(spawnSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: REPO, encoding: 'utf8' }).stdout) as { version: string }).version;
    for (const flag of ['-V', '--version', 'version']) expect(cli([flag]).out.trim()).toBe(version);
  });

  it('documents the exit codes, including 70 for an internal error', () => {
    expect(cli(['--help']).out).toMatch(/70 an internal error/);
  });
});

describe('colour', () => {
  it('follows the flag first, then FORCE_COLOR, then NO_COLOR, then the terminal', () => {
    expect(colorWanted(false, { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted(undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
    expect(colorWanted(undefined, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorWanted(undefined, { NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted(undefined, {}, true)).toBe(true);
    expect(colorWanted(undefined, {}, false)).toBe(false);
  });

  it('colours the report when FORCE_COLOR is set, even into a pipe', () => {
    expect(cli(['verify', '-t', 'ring:3'], { env: { FORCE_COLOR: '1' } }).out).toContain('\x1b[');
    expect(cli(['verify', '-t', 'ring:3']).out).not.toContain('\x1b[');
  });
});

describe('--channel', () => {
  it('makes one channel unordered, enough to break the snapshot', () => {
    const r = cli(['verify', '-t', 'edges:0>1,1>0', '--channel', '0>1=unordered']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/fifo channels but unordered P0→P1, chandy-lamport/);
    expect(r.out).toMatch(/on P0→P1/);
  });

  it('keeps the snapshot correct when only a channel that carries no overtaking is unordered', () => {
    // The marker is the only message P1 ever sends on 1>0 before recording, so nothing can overtake it.
    const r = cli(['verify', '-t', 'edges:0>1,1>0', '-w', 'token:0', '--channel', '1>0=unordered']);
    expect(r.code).toBe(0);
  });

  it('rejects a malformed or unknown channel in one line', () => {
    oneLineError(cli(['verify', '--channel', '0-1=unordered']), 'CC007', /--channel takes FROM>TO=fifo\|unordered/);
    oneLineError(cli(['verify', '-t', 'ring:3', '--channel', '1>0=unordered']), 'CC005', /channel '1>0', which the topology does not have/);
  });
});

describe('output files', () => {
  it('creates missing folders for --trace-out and --report', () => {
    const trace = join(scratch, 'deep', 'er', 'x.itf.json');
    const report = join(scratch, 'reports', 'r.html');
    const r = cli(['verify', '-t', 'edges:0>1,1>0', '-c', 'unordered', '--trace-out', trace, '--report', report]);
    expect(r.code).toBe(1);
    expect(existsSync(trace)).toBe(true);
    expect(existsSync(report)).toBe(true);
  });

  it('refuses an output path that is a folder before searching', () => {
    const r = cli(['verify', '-t', 'complete:5', '-w', 'bank:3,3', '--trace-out', scratch]);
    oneLineError(r, 'CC010', /is a folder/);
    expect(r.out).toBe('');
    expect(r.ms).toBeLessThan(15_000);
  });
});

describe('pictures of a model that holds', () => {
  it('--report draws an example run of a completed snapshot, with a message recorded in flight', () => {
    const report = join(scratch, 'holds', 'report.html');
    const trace = join(scratch, 'holds', 'example.itf.json');
    const r = cli(['verify', 'models/bank-fifo.ts', '--report', report, '--trace-out', trace]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote .*report\.html \(an example run: a consistent snapshot completed in \d+ steps\)/);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/No check fails along this trace/);
    expect(html).toMatch(/records \$1 as in flight/);
    const replay = cli(['replay', trace]);
    expect(replay.code).toBe(0);
    expect(replay.out).toMatch(/no check fails at the end of this trace/);
  });

  it('render --cut draws the example run of a model, and its counterexample when it does not hold', () => {
    const svg = join(scratch, 'cut', 'ping-pong.svg');
    const holds = cli(['render', '--cut', 'models/ping-pong.ts', '--out', svg]);
    expect(holds.code).toBe(0);
    expect(holds.out).toMatch(/an example run: a consistent snapshot completed in \d+ steps/);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*every check holds on it/);
    const broken = cli(['render', '--cut', '-t', 'edges:0>1,1>0', '-c', 'unordered', '--format', 'mermaid']);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^sequenceDiagram/m);
  });
});

describe('model files', () => {
  it('load from a folder outside the repository, importing cutcheck that is not installed there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cutcheck-model-'));
    writeFileSync(join(dir, 'mine.ts'), "import { bank, ring, defineModel } from 'cutcheck';\nexport default defineModel({ name: 'mine', topology: ring(3), workload: bank(1, 1) });\n");
    writeFileSync(join(dir, 'mine.mts'), "import { bank, ring } from 'cutcheck';\nexport default { name: 'mine-mts', topology: ring(3), workload: bank(1, 1) };\n");
    const r = cli(['verify', 'mine.ts', 'mine.mts', join(REPO, FIX, 'plain.mjs')], { cwd: dir });
    expect(r.err).toBe('');
    expect(r.out.match(/verdict: HOLDS/g)).toHaveLength(3);
    expect(r.code).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('with a syntax error name the file, line and column and the compiler\'s message', () => {
    oneLineError(cli(['verify', `${FIX}/syntax-error.ts`]), 'CC004', /syntax error in test\/fixtures\/user\/syntax-error\.ts at line 4, column \d+: .+/);
    oneLineError(cli(['verify', `${FIX}/syntax-error.mjs`]), 'CC004', /syntax error in test\/fixtures\/user\/syntax-error\.mjs at line 3: Unexpected token/);
  });

  it.each([
    ['typo-model.ts', 'CC005', /unknown key 'topolgy' in .*; did you mean 'topology'\?/],
    ['typo-workload.ts', 'CC005', /unknown key 'invariant' in the workload .*; did you mean 'invariants'\?/],
    ['typo-outcome.ts', 'CC006', /unknown key 'send' in action 'go' at P0; did you mean 'sends'\?/],
  ])('with an unknown key (%s) name the key and the nearest known one', (file, code, pattern) => {
    oneLineError(cli(['verify', `${FIX}/${file}`]), code, pattern);
  });

  it.each([
    ['throwing-proxy.ts', 'CC004', /reading its (exports|model) threw: no model for you/],
    ['throws-null-proto.ts', 'CC006', /receive threw at P1: a thrown object without a prototype/],
    ['channels-null.ts', 'CC005', /topology\.channels must be an array/],
    ['faults-channels-5.ts', 'CC005', /network\.faults\.channels must be an array/],
    ['no-initiators.ts', 'CC005', /algorithm\.initiators must be an array/],
    ['circular-state.ts', 'CC006', /init's state for P0 cannot be a state or message: it contains a cycle at \.self/],
    ['class-state.ts', 'CC006', /it is an instance of Toggle, which would be compared by identity/],
    ['async-init.ts', 'CC006', /it is a Promise \(handlers must be synchronous/],
    ['tojson-throws.ts', 'CC006', /it holds a function at \.toJSON/],
  ])('with hostile or malformed values (%s) give one line and exit 2', (file, code, pattern) => {
    oneLineError(cli(['verify', `${FIX}/${file}`]), code, pattern);
  });

  it('with BigInt states give a counterexample, trace files and JSON like any other', () => {
    const trace = join(scratch, 'big', 'big.itf.json');
    const r = cli(['verify', `${FIX}/bigint-state.ts`, '--trace-out', trace, '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { violations: { trace: { initial: { processes: { localValue: unknown }[] } } }[] };
    expect(j.violations[0]?.trace.initial.processes[0]?.localValue).toEqual({ '#bigint': '1' });
    expect(cli(['replay', trace, '--model', `${FIX}/bigint-state.ts`]).code).toBe(1);
  });

  it('whose show throws still get their report, the failure marked on each value', () => {
    const r = cli(['verify', `${FIX}/show-throws.ts`]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/recorded cut S\*: P0\{\{"balance":0,"left":0\} \(show threw: cannot show\)\}/);
  });

  it('that never finish loading are named, with exit 2, not a silent exit', () => {
    oneLineError(cli(['verify', `${FIX}/never-settles.ts`]), 'CC004', /never-settles\.ts' never finished loading/);
  });

  it('that leave a timer running do not keep the process alive after the verdict', () => {
    const r = cli(['verify', `${FIX}/leaves-timer.ts`]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/verdict: HOLDS/);
  });

  it('with an empty initiator set say so in the header, and fail terminates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cutcheck-none-'));
    writeFileSync(join(dir, 'none.ts'), "import { bank, complete } from 'cutcheck';\nexport default { name: 'none', topology: complete(2), workload: bank(1, 1), algorithm: { kind: 'chandy-lamport', initiators: [] } };\n");
    const r = cli(['verify', join(dir, 'none.ts')]);
    expect(r.out).toMatch(/^none: bank:1,1 on complete:2, fifo channels, chandy-lamport from no initiator$/m);
    expect(r.out).toMatch(/✗ terminates/);
    expect(r.code).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('that are missing, or a folder, say so', () => {
    oneLineError(cli(['verify', 'nope.ts']), 'CC004', /'nope\.ts' does not exist/);
    oneLineError(cli(['verify', 'models']), 'CC004', /'models' is a folder, not a model file/);
  });
});

describe('error lines', () => {
  it('stay on one line when the input holds a newline', () => {
    oneLineError(cli(['verify', '--topology', 'ring:3\nsecond line']), 'CC001', /\\n/);
  });

  it('do not echo a 100,000-character input in full', () => {
    const r = cli(['verify', '--topology', 'x'.repeat(100_000)]);
    oneLineError(r, 'CC001', /…/);
    expect(r.err.length).toBeLessThan(600);
  });

  it('name an internal error as a bug, in one line, with exit 70', () => {
    const code = "import { run } from './src/cli/main.ts'; run([], async () => { throw new TypeError('boom'); });";
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: REPO, encoding: 'utf8' });
    expect(r.status).toBe(70);
    expect(r.stderr.trimEnd().split('\n')).toEqual(['cutcheck: internal error (a bug in cutcheck, please report it): boom (run with CUTCHECK_DEBUG=1 for the stack)']);
  });
});

describe('the state bound', () => {
  it('equal to the number of states explores everything and holds', () => {
    const exact = JSON.parse(cli(['verify', '-t', 'ring:3', '--json', '--continue']).out) as { stats: { productStates: number; appStates: number } };
    const bound = Math.max(exact.stats.productStates, exact.stats.appStates);
    expect(cli(['verify', '-t', 'ring:3', '--max-states', String(bound)]).code).toBe(0);
    const short = cli(['verify', '-t', 'ring:3', '--continue', '--max-states', String(bound - 1)]);
    expect(short.code).toBe(3);
    expect(short.out).toMatch(/reached the state bound of [\d,]+ states; raise --max-states/);
  });
});

describe('runs that hang or are interrupted', () => {
  /** Starts the CLI, sends SIGINT `times` times after `afterMs`, and resolves with what it printed. */
  const interrupted = (args: readonly string[], afterMs: number, times: number) =>
    new Promise<{ code: number | null; out: string; err: string }>((done) => {
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
      delete env['FORCE_COLOR'];
      const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: REPO, env });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      for (let k = 0; k < times; k++) setTimeout(() => child.kill('SIGINT'), afterMs + 300 * k);
      child.on('close', (code) => done({ code, out, err }));
    });

  it('name a handler that loops forever, with the process it runs at, and exit 2', () => {
    const r = cli(['verify', `${FIX}/loops-forever.ts`, '--handler-timeout', '1']);
    oneLineError(r, 'CC006', /workload 'spin' receive at P1 has run for more than 1 s without returning; it may loop forever/);
    expect(r.ms).toBeLessThan(20_000);
  });

  it('on Ctrl-C print the partial report and write the files for what was found, with exit 3', async () => {
    const trace = join(scratch, 'int', 't.itf.json');
    const report = join(scratch, 'int', 'r.html');
    const r = await interrupted(['verify', '-t', 'complete:3', '-w', 'bank:2,2', '-c', 'unordered', '--continue', '--no-por', '--no-symmetry', '--trace-out', trace, '--report', report], 8000, 1);
    expect(r.err).toMatch(/cutcheck: interrupted; writing the partial report/);
    expect(r.out).toMatch(/partial: the search was interrupted/);
    expect(r.out).toMatch(/✗ consistent \(8 steps\)/);
    expect(r.out).toMatch(/verdict: VIOLATED/);
    expect(existsSync(trace) && existsSync(report)).toBe(true);
    expect(r.code).toBe(3);
  });

  it('on a second Ctrl-C stop at once, with exit 130', async () => {
    const r = await interrupted(['verify', `${FIX}/loops-forever.ts`, '--handler-timeout', '60'], 3000, 2);
    expect(r.err).toMatch(/cutcheck: stopped/);
    expect(r.code).toBe(130);
  });
});

describe('the memory bound', () => {
  it('stops a search that would outgrow --max-memory, with exit 3 and the reason, in seconds', () => {
    // A state bound above what 0.2 GB holds, so that the memory bound is the one reached.
    const r = cli(['verify', '-t', 'complete:6', '-w', 'bank:3,3', '-c', 'unordered', '--max-memory', '0.2', '--max-states', '100000000']);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/partial: the search reached the memory bound of 0\.20 GB; raise --max-memory/);
    expect(r.ms).toBeLessThan(60_000);
  });

  it('rejects an absurd bound in one line', () => {
    oneLineError(cli(['verify', '--max-memory', '0']), 'CC003', /--max-memory takes gigabytes/);
  });
});

describe('the state bound with several threads', () => {
  it('is never overshot by more than a state per thread', () => {
    for (const workers of ['2', '8']) {
      // Large enough that levels go parallel (16,384 states and more); before each thread claimed its share, this overshot by ~1,400.
      const r = cli(['verify', '-t', 'complete:3', '-w', 'bank:2,2', '--no-por', '--no-symmetry', '--workers', workers, '--max-states', '100000', '--continue', '--json']);
      const j = JSON.parse(r.out) as { verdict: string; stats: { productStates: number } };
      expect(j.verdict).toBe('incomplete');
      expect(j.stats.productStates).toBeGreaterThan(99_000);
      expect(j.stats.productStates).toBeLessThanOrEqual(100_000 + Number(workers));
    }
  });

  it('equal to the number of states still explores everything', () => {
    const r = cli(['verify', '-t', 'complete:3', '-w', 'bank:2,2', '--no-por', '--no-symmetry', '--workers', '2', '--max-states', '2076255', '--continue', '--json']);
    const j = JSON.parse(r.out) as { verdict: string; stats: { productStates: number; reductions: { threads: number } } };
    expect(j).toMatchObject({ verdict: 'holds', stats: { productStates: 2_076_255, reductions: { threads: 2 } } });
  });
});

describe('assumptions', () => {
  it('exits 0 with violated rows, which are its findings', () => {
    const r = cli(['assumptions', '-t', 'edges:0>1,1>0']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/VIOLATED/);
  });

  it('refuses a model without initiators rather than assuming P0', () => {
    oneLineError(cli(['assumptions', `${FIX}/no-initiators.ts`]), 'CC005', /algorithm\.initiators must be an array/);
  });

  it('exits 3 and explains the ? cells when the state bound cut rows short', () => {
    const r = cli(['assumptions', '--max-states', '10']);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/\?: not settled, because that row's search reached the state bound \(rows: none, fifo/);
  });
});

describe('progress', () => {
  const at = (elapsedMs: number, phase: PhaseProgress['phase'] = 'snapshot'): PhaseProgress => ({
    phase, states: 5_000_000, transitions: 9_000_000, frontier: 1000, depth: 12, elapsedMs, maxStates: 20_000_000,
  });

  it('prints a plain line every 10 seconds off a terminal', () => {
    const lines: string[] = [];
    const p = progressLine({ write: (s: string) => lines.push(s) }, 'lines', () => 3 * 2 ** 30);
    for (let ms = 0; ms <= 35_000; ms += 250) p.update(at(ms));
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.endsWith('\n') && !l.includes('\x1b'))).toBe(true);
  });

  it('gives the share of the state bound, states per second and memory', () => {
    expect(progressText(at(10_000), 3 * 2 ** 30)).toBe('[snapshot] 5,000,000 states (25.0% of --max-states 20,000,000)  500,000 states/s  frontier 1,000  depth 12  memory 3.0 GB  10.0 s');
  });

  it('reaches a CI log while the search is busy, 10 seconds in', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    const child = spawn(process.execPath, [CLI_MAIN, 'verify', '-t', 'complete:3', '-w', 'bank:2,2', '-c', 'unordered', '--continue', '--no-por', '--no-symmetry'], { cwd: REPO, env });
    const started = performance.now();
    const line = await new Promise<{ text: string; at: number }>((done) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /^\[(application|snapshot)\] .+% of --max-states .+ memory .+$/m.exec(err);
        if (m !== null) done({ text: m[0], at: performance.now() - started });
      });
      child.on('close', () => done({ text: err, at: performance.now() - started }));
    });
    child.kill('SIGKILL');
    expect(line.text).toMatch(/states\/s/);
    expect(line.at).toBeGreaterThan(9_000);
    expect(line.at).toBeLessThan(25_000);
  });

  it('prints nothing with --no-progress', () => {
    const lines: string[] = [];
    const p = progressLine({ write: (s: string) => lines.push(s) }, 'off');
    for (let ms = 0; ms <= 35_000; ms += 250) p.update(at(ms));
    expect(lines).toEqual([]);
  });
});
