// The `cutcheck` command: parses arguments, loads models, runs verify, prints reports. Only src/cli touches the
// terminal. Exit codes: 0 holds, 1 violated, 2 bad input or usage, 3 incomplete, 70 a bug in cutcheck
// (130 after a second Ctrl-C, from the supervisor).

import { readFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort } from 'node:worker_threads';
import { siblingModule } from '../explore/modules.ts';
import { installWatch } from '../system/watch.ts';
import { EXIT_INTERNAL, supervise, type WorkerData, type WorkerNote } from './supervise.ts';
import { describeThrown, echo, formatError, type CutcheckError } from '../errors.ts';
import { verify, type VerifyOptions } from '../check/verify.ts';
import type { VerifyResult } from '../check/result.ts';
import { report, ansiStyle, plainStyle, type Style } from '../report/text.ts';
import { errorJson, replayJson, toJson } from '../report/json.ts';
import { matrixJson, matrixText, unsettled } from '../report/matrix.ts';
import { assumptionMatrix, type MatrixRow } from '../check/assumptions.ts';
import { compareAlgorithms, type ComparedAlgorithm } from '../check/compare.ts';
import { compareJson, compareText } from '../report/compare.ts';
import { HELP, parseCommand, USAGE, type VerifyArgs } from './args.ts';
import { modelFlags, quoteArg } from './model-flags.ts';
import { prepareOutput } from './output.ts';
import { initProject } from './init.ts';
import { buildSpec, loadModelFile, loadOptional, type Loaded } from './load.ts';
import { progressLine, progressMode, textProgress } from './progress.ts';
import { onPending, pendingImport } from './pending.ts';
import { presentCounterexamples, rebuildOf, trackOf, withTraces } from './counterexamples.ts';
import { cutsOut } from './cuts-out.ts';
import { replayFile, type ReplayArgs } from './replay.ts';
import { runAdmitCommand } from './admit.ts';
import { mergeSimulateFiles, runSimulateCommand, type SimulateArgs } from './simulate.ts';
import { fingerprintOf, runMergeCommand, shardJson, shardLine, type MergeArgs } from './shard.ts';
import { kindOf, readResultText, type ResultText } from './result-file.ts';
import { checkpointRun, resumeTarget, type ResumeTarget } from './checkpoint.ts';
import { runProveCommand, type ProveArgs } from './prove.ts';
import { deliver, drawDoc, renderFile, type RenderArgs, type RenderCutArgs } from './render.ts';
import { traceExample, traceViolation } from '../trace/api.ts';
import type { TraceDoc } from '../trace/document.ts';

export const EXIT = { holds: 0, violated: 1, usage: 2, incomplete: 3 } as const;

/** The bundled examples `npm start` runs, each with the verdict it must reach. */
export const EXAMPLES = ['writeup.ts', 'bank-fifo.ts', 'bank-unordered.ts', 'lai-yang-unordered.ts'];

const out = (s: string): void => void process.stdout.write(`${s}\n`);
/**
 * Progress goes straight to file descriptor 2: in the supervisor's worker thread, process.stderr is forwarded by
 * the thread's own event loop, which a running search never yields to. A line the pipe cannot take now is dropped.
 */
const progressStream = {
  write(s: string): void {
    try {
      writeSync(2, s);
    } catch {
      // A full pipe (EAGAIN): this progress line is skipped; the next one will tell.
    }
  },
};
/** Whether stdout and stderr are terminals (a worker thread is told, since its own streams are not). */
const tty = { out: process.stdout.isTTY === true, err: process.stderr.isTTY === true };
/** Whether the user asked the run to stop (Ctrl-C, heard by the supervisor). */
let interrupted = (): boolean => false;

/** Set once the command line asks for --json: errors then also go to stdout, as JSON (docs/schema/error.schema.json). */
let jsonErrors = false;
const fail = (e: CutcheckError): number => {
  process.stderr.write(`${formatError(e)}\n`);
  if (jsonErrors) out(JSON.stringify(errorJson(e), null, 2));
  return EXIT.usage;
};

/**
 * Colour: the flag if given; else FORCE_COLOR (set and not 0 or false: on; 0 or false: off), as Node and most
 * CLIs honour it; else off under NO_COLOR; else on a terminal.
 */
export function colorWanted(flag: boolean | undefined, env: NodeJS.ProcessEnv, tty: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return tty;
}

const styleFor = (color: boolean | undefined): Style => (colorWanted(color, process.env, tty.out) ? ansiStyle : plainStyle);

/** A run the user interrupted is incomplete whatever it found so far (its violations are still reported). */
const exitFor = (r: VerifyResult): number => (r.stats.stoppedBy === 'interrupt' ? EXIT.incomplete : EXIT[r.verdict]);

/** The search bounds, reductions and threads the command line asked for, as VerifyOptions. */
const searchOptions = (args: VerifyArgs): VerifyOptions => ({
  interrupt: () => interrupted(),
  ...(args.maxStates !== undefined ? { maxStates: args.maxStates } : {}),
  ...(args.maxMemoryBytes !== undefined ? { maxMemoryBytes: args.maxMemoryBytes } : {}),
  ...(args.capacity !== undefined ? { capacity: args.capacity } : {}),
  partialOrder: args.partialOrder,
  symmetry: args.symmetry,
  ...(args.workers !== undefined ? { workers: args.workers } : {}),
});

async function runVerify(args: VerifyArgs): Promise<number> {
  if (args.resume !== undefined) {
    // The model, its options and the search's settings come from the checkpoint.
    const t = await resumeTarget(args.resume, args);
    if (!t.ok) return fail(t.error);
    const shard = t.value.args.shard;
    return shard === undefined ? verifyModels(t.value.args, [t.value.base], t.value) : runShard(t.value.args, shard, t.value);
  }
  if (args.shard !== undefined) return runShard(args, args.shard, null);
  const loaded: (Loaded | null)[] = [];
  for (const f of args.files) {
    const l = await loadModelFile(f);
    if (!l.ok) return fail(l.error);
    loaded.push(l.value);
  }
  if (loaded.length === 0) loaded.push(null);
  return verifyModels(args, loaded, null);
}

/** verify on each model in turn (one, when the search is taken up from a checkpoint), printing each report. */
async function verifyModels(args: VerifyArgs, loaded: readonly (Loaded | null)[], resumed: ResumeTarget | null): Promise<number> {
  if (args.json && loaded.length > 1) return fail({ code: 'CC007', message: '--json takes one model at a time' });
  if ((args.traceOut !== undefined || args.report !== undefined || args.cutsOut !== undefined) && loaded.length > 1)
    return fail({ code: 'CC007', message: '--trace-out, --report and --cuts-out take one model at a time' });
  // Output files are checked (and their folders made) before a search that may take minutes.
  for (const path of [args.traceOut, args.report, args.cutsOut]) {
    if (path === undefined) continue;
    const ready = prepareOutput(path);
    if (!ready.ok) return fail(ready.error);
  }
  const style = styleFor(args.color);
  let code = 0;
  for (const base of loaded) {
    const spec = buildSpec(base, args);
    if (!spec.ok) return fail(spec.error);
    const cuts = args.cutsOut === undefined ? null : cutsOut(args.cutsOut, spec.value);
    if (cuts !== null && !cuts.ok) return fail(cuts.error);
    const saving = checkpointRun(args, spec.value, base, resumed);
    if (!saving.ok) return fail(saving.error);
    const progress = progressLine(progressStream, progressMode(args.progress, tty.err));
    const r = verify(spec.value, {
      stopAtFirst: !args.continue,
      // A resumed search keeps the example run of the one it takes up, whatever its output files now.
      example: resumed?.checkpoint.settings.example ?? (args.report !== undefined || args.traceOut !== undefined),
      ...searchOptions(args),
      onProgress: progress.update,
      ...(cuts === null ? {} : { onCut: cuts.value.onCut }),
      ...(saving.value?.options ?? {}),
    });
    progress.clear();
    const cutsWritten = cuts === null ? null : cuts.value.finish();
    if (!r.ok) return fail(r.error);
    if (cutsWritten !== null && !cutsWritten.ok) return fail(cutsWritten.error);
    // Counterexamples are shown minimised (--original: as the search found them) and saved if asked.
    const shown = presentCounterexamples(spec.value, r.value, args, base);
    if (!shown.ok) return fail(shown.error);
    const saved = saving.value?.notes(r.value) ?? [];
    const notes = [...shown.value.notes, ...(cutsWritten === null ? [] : [cutsNote(args.cutsOut as string, cutsWritten.value, r.value)]), ...saved];
    if (args.json) out(JSON.stringify(withTraces(toJson(shown.value.result), shown.value), null, 2));
    else out([report(shown.value.result, style), ...notes.map((n) => style.dim(n))].join('\n'));
    if (args.json) for (const n of notes.filter((x) => x.includes('wrote ') || saved.includes(x))) process.stderr.write(`${n.trim()}\n`);
    code = Math.max(code, exitFor(r.value));
    if (interrupted()) break;
  }
  return code;
}

/** The line saying what --cuts-out wrote: all the cuts, or those found before the search stopped. */
function cutsNote(path: string, count: number, r: VerifyResult): string {
  const what = `${count} distinct recorded cut${count === 1 ? '' : 's'}`;
  return `  wrote ${path} (${r.factsComplete ? `${what}, one per line` : `${what} found before the search stopped; there may be more`})`;
}

async function runAssumptions(args: VerifyArgs): Promise<number> {
  const file = args.files[0];
  const loaded = await loadOptional(file);
  if (!loaded.ok) return fail(loaded.error);
  const base = loaded.value;
  const spec = buildSpec(base, args);
  if (!spec.ok) return fail(spec.error);
  const progress = progressLine(progressStream, progressMode(args.progress, tty.err));
  const rows = assumptionMatrix(spec.value, {
    ...(args.faults !== undefined ? { faults: args.faults } : {}),
    ...(args.snapshots !== undefined ? { snapshots: args.snapshots } : {}),
    ...searchOptions(args),
    onProgress: progress.update,
  });
  progress.clear();
  if (!rows.ok) return fail(rows.error);
  // The model arguments that are not about the assumption a row drops, so each row can be replayed as is.
  const keep = [
    ...(file !== undefined ? [file] : []),
    ...(args.workload !== undefined || file === undefined ? ['--workload', args.workload ?? 'bank:1,1'] : []),
    ...(args.initiators !== undefined ? ['--initiators', args.initiators.join(',')] : []),
    ...(args.variant !== undefined ? ['--variant', args.variant] : []),
    ...(args.algorithm !== undefined ? ['--algorithm', args.algorithm] : []),
  ];
  const topology = args.topology ?? (file === undefined ? 'complete:3' : undefined);
  const replay = (r: MatrixRow): string => {
    const own = r.flags.includes('--topology') || topology === undefined ? [] : ['--topology', topology];
    return ['cutcheck verify', ...[...keep, ...own, ...r.flags].map(quoteArg), '--continue'].join(' ');
  };
  out(args.json ? JSON.stringify(matrixJson(rows.value, replay), null, 2) : matrixText(rows.value, replay, styleFor(args.color)));
  // Violated rows are the matrix's findings, not a failure; a row cut short by the state bound is incomplete.
  return rows.value.some(unsettled) ? EXIT.incomplete : EXIT.holds;
}

async function runCompare(args: VerifyArgs): Promise<number> {
  const file = args.files[0];
  const loaded = await loadOptional(file);
  if (!loaded.ok) return fail(loaded.error);
  const spec = buildSpec(loaded.value, args);
  if (!spec.ok) return fail(spec.error);
  const progress = progressLine(progressStream, progressMode(args.progress, tty.err));
  const r = compareAlgorithms(spec.value, args.algorithms, {
    ...searchOptions(args),
    ...(args.straggler !== undefined ? { straggler: args.straggler } : {}),
    onProgress: progress.update,
  });
  progress.clear();
  if (!r.ok) return fail(r.error);
  // The model's own algorithm is what verify runs without --algorithm; a built-in is named.
  const replay = (a: ComparedAlgorithm): string =>
    ['cutcheck verify', ...[...modelFlags(args), ...(a.name === r.value.modelAlgorithm ? [] : ['--algorithm', a.name])].map(quoteArg), '--continue'].join(' ');
  out(args.json ? JSON.stringify(compareJson(r.value, replay), null, 2) : compareText(r.value, replay, styleFor(args.color)));
  const unsettled = r.value.algorithms.some((a) => a.verdict === 'incomplete' || !a.costs.complete || a.straggler?.complete === false);
  return unsettled ? EXIT.incomplete : EXIT.holds;
}

async function runMerge(args: MergeArgs): Promise<number> {
  // Each file is read once; the first one's kind says whether these are shards or a simulation's members.
  const files: ResultText[] = [];
  for (const path of args.files) {
    const read = readResultText(path);
    if (!read.ok) return fail(read.error);
    files.push(read.value);
  }
  const simulation = kindOf(files[0]?.text ?? '') === 'simulate-part';
  const r = simulation ? await mergeSimulateFiles(files, args.model, styleFor(args.color), args.json) : await runMergeCommand(args, files, styleFor(args.color));
  if (!r.ok) return fail(r.error);
  out(r.value.text);
  return r.value.code;
}

/** `verify --shard I/N`: one shard's search, its result printed as JSON for `cutcheck merge`, a line on stderr. */
async function runShard(args: VerifyArgs, shard: { index: number; count: number }, resumed: ResumeTarget | null): Promise<number> {
  jsonErrors = true;
  const loaded = resumed === null ? await loadOptional(args.files[0]) : { ok: true as const, value: resumed.base };
  if (!loaded.ok) return fail(loaded.error);
  const spec = buildSpec(loaded.value, args);
  if (!spec.ok) return fail(spec.error);
  const saving = checkpointRun(args, spec.value, loaded.value, resumed);
  if (!saving.ok) return fail(saving.error);
  const progress = progressLine(progressStream, progressMode(args.progress, tty.err));
  const r = verify(spec.value, { stopAtFirst: !args.continue, ...searchOptions(args), onProgress: progress.update, shard, ...(saving.value?.options ?? {}) });
  progress.clear();
  if (!r.ok) return fail(r.error);
  const fp = fingerprintOf(spec.value, r.value.stats.capacity);
  if (!fp.ok) return fail(fp.error);
  out(JSON.stringify(shardJson(r.value, fp.value, rebuildOf(loaded.value, args))));
  process.stderr.write(`${shardLine(r.value)}\n`);
  for (const n of saving.value?.notes(r.value) ?? []) process.stderr.write(`${n.trim()}\n`);
  return exitFor(r.value);
}

async function runSimulate(args: SimulateArgs): Promise<number> {
  const mode = progressMode(args.model.progress, tty.err);
  const line = textProgress(progressStream, mode);
  const r = await runSimulateCommand(args, styleFor(args.model.color), {
    interrupted: () => interrupted(),
    progress: mode === 'off' ? null : (p) => line.update(`[simulate] ${p.runs.toLocaleString('en-US')} runs  ${p.steps.toLocaleString('en-US')} steps  ${p.cuts.toLocaleString('en-US')} distinct cuts  ${(p.elapsedMs / 1000).toFixed(1)} s`, p.elapsedMs),
  });
  line.clear();
  if (!r.ok) return fail(r.error);
  out(r.value.text);
  const style = styleFor(args.model.color);
  for (const n of r.value.notes) (args.model.json ? process.stderr : process.stdout).write(`${args.model.json ? n.trim() : style.dim(n)}\n`);
  return interrupted() ? EXIT.incomplete : r.value.code;
}

async function runReplay(args: ReplayArgs): Promise<number> {
  const r = await replayFile(args, styleFor(args.color));
  if (!r.ok) return fail(r.error);
  out(args.json ? JSON.stringify(replayJson(r.value.outcome), null, 2) : r.value.text);
  return r.value.code;
}

async function runProve(args: ProveArgs): Promise<number> {
  jsonErrors = args.json;
  const mode = progressMode(args.progress, tty.err);
  const line = textProgress(progressStream, mode);
  const start = performance.now();
  const progress = mode === 'off' ? null : (s: string): void => (s === '' ? line.clear() : line.update(s, performance.now() - start));
  const r = await runProveCommand(args, styleFor(args.color), { out, progress, interrupted: () => interrupted() });
  if (!r.ok) return fail(r.error);
  return r.value;
}

function runRender(args: RenderArgs): number {
  const r = renderFile(args);
  if (!r.ok) return fail(r.error);
  if (r.value.wrote === null) process.stdout.write(r.value.text);
  else out(`wrote ${r.value.wrote}`);
  return 0;
}

/** `render --cut`: verifies the model and draws its example run, or its first counterexample if it does not hold. */
async function runRenderCut(cut: RenderCutArgs): Promise<number> {
  const args = cut.verify;
  const file = args.files[0];
  const loaded = await loadOptional(file);
  if (!loaded.ok) return fail(loaded.error);
  const base = loaded.value;
  if (cut.out !== undefined) {
    const ready = prepareOutput(cut.out);
    if (!ready.ok) return fail(ready.error);
  }
  const spec = buildSpec(base, args);
  if (!spec.ok) return fail(spec.error);
  const progress = progressLine(progressStream, progressMode(args.progress, tty.err));
  const r = verify(spec.value, { stopAtFirst: true, example: true, ...searchOptions(args), onProgress: progress.update });
  progress.clear();
  if (!r.ok) return fail(r.error);
  const v = r.value;
  let doc: TraceDoc;
  let what: string;
  const first = v.violations[0];
  if (first !== undefined) {
    const t = traceViolation(spec.value, first, { rebuild: rebuildOf(base, args), capacity: v.stats.capacity });
    if (!t.ok) return fail(t.error);
    [doc, what] = [t.value.doc, `the model does not hold; drew its '${first.check}' counterexample`];
  } else if (v.example !== undefined && v.example !== null) {
    const t = traceExample(spec.value, v.example.codes, { rebuild: rebuildOf(base, args), capacity: v.stats.capacity, ...trackOf(v.example) });
    if (!t.ok) return fail(t.error);
    [doc, what] = [t.value, `an example run: a consistent snapshot completed in ${v.example.steps.length} steps`];
  } else {
    process.stderr.write(`cutcheck: no snapshot completed within the search (verdict: ${v.verdict}), so there is no run to draw\n`);
    return exitFor(v);
  }
  const drawn = deliver(drawDoc(doc, cut.format, false), cut.out);
  if (!drawn.ok) return fail(drawn.error);
  if (drawn.value.wrote === null) process.stdout.write(drawn.value.text);
  else out(`wrote ${drawn.value.wrote} (${what})`);
  return exitFor(v);
}

async function runExamples(color: boolean | undefined): Promise<number> {
  const style = styleFor(color);
  const dir = fileURLToPath(new URL('../../models/', import.meta.url));
  let mismatches = 0;
  for (const file of EXAMPLES) {
    const l = await loadModelFile(`${dir}${file}`);
    if (!l.ok) return fail(l.error);
    const spec = buildSpec(l.value, { command: 'verify', files: [], continue: false, json: false, color, progress: false, lossy: false, duplicating: false, partialOrder: true, symmetry: true });
    if (!spec.ok) return fail(spec.error);
    const progress = progressLine(progressStream, progressMode(undefined, tty.err));
    const r = verify(spec.value, { onProgress: progress.update, interrupt: () => interrupted() });
    progress.clear();
    if (!r.ok) return fail(r.error);
    out(report(r.value, style));
    if (interrupted()) return EXIT.incomplete;
    const expected = l.value.expect ?? 'holds';
    const as = r.value.verdict === expected;
    if (!as) mismatches++;
    out(`  expected: ${expected} ${as ? style.ok('(as expected)') : style.bad('(NOT as expected)')}\n`);
  }
  out(mismatches === 0 ? style.ok(`${EXAMPLES.length} bundled models, every verdict as expected.`) : style.bad(`${mismatches} bundled model(s) did not reach the expected verdict.`));
  return mismatches === 0 ? 0 : 1;
}

export async function main(argv: readonly string[]): Promise<number> {
  // Before parsing, so that a usage error on a --json command line is JSON too.
  jsonErrors = argv.includes('--json');
  const cmd = parseCommand(argv);
  if (!cmd.ok) return fail(cmd.error);
  switch (cmd.value.command) {
    case 'help':
      out(cmd.value.topic === undefined ? USAGE : HELP[cmd.value.topic]);
      return 0;
    case 'version': {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      out(pkg.version);
      return 0;
    }
    case 'examples':
      return runExamples(cmd.value.color);
    case 'init': {
      const r = initProject(cmd.value.dir);
      if (!r.ok) return fail(r.error);
      out(r.value.join('\n'));
      return 0;
    }
    case 'verify':
      return runVerify(cmd.value);
    case 'assumptions':
      return runAssumptions(cmd.value);
    case 'compare':
      return runCompare(cmd.value);
    case 'replay':
      return runReplay(cmd.value);
    case 'admit': {
      jsonErrors = cmd.value.json;
      const progress = progressLine(progressStream, progressMode(cmd.value.progress, tty.err));
      const r = runAdmitCommand(cmd.value, styleFor(cmd.value.color), { onProgress: progress.update });
      progress.clear();
      if (!r.ok) return fail(r.error);
      out(r.value.text);
      return r.value.code;
    }
    case 'render':
      return runRender(cmd.value);
    case 'render-cut':
      return runRenderCut(cmd.value);
    case 'prove':
      return runProve(cmd.value);
    case 'simulate':
      return runSimulate(cmd.value);
    case 'merge':
      return runMerge(cmd.value);
  }
}

/** Exit code of a bug in cutcheck itself (sysexits' EX_SOFTWARE), distinct from every verdict and from bad input. */
export { EXIT_INTERNAL };

/** Commands that run user code, and so run under the supervisor (Ctrl-C, --handler-timeout). */
const SUPERVISED = new Set(['verify', 'assumptions', 'compare', 'simulate', 'merge', 'replay', 'examples', 'prove']);
const supervised = (argv: readonly string[]): boolean =>
  (SUPERVISED.has(argv[0] ?? '') || (argv[0] === 'render' && argv.includes('--cut'))) && !argv.includes('--help') && !argv.includes('-h');

/**
 * Runs the command as a process. One that runs user code runs in a worker thread under the supervisor (see
 * supervise.ts). Otherwise, or with `command` given (tests): an internal error is one line (exit 70), a model
 * whose import never settles is named (exit 2), and the process exits once the verdict is out, so that a timer a
 * model left running cannot keep it alive.
 */
export function run(argv: readonly string[], command?: (argv: readonly string[]) => Promise<number>): void {
  if (command === undefined && isMainThread && supervised(argv)) {
    const entry = siblingModule(import.meta.url, 'main');
    supervise(argv, entry, entry.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : null);
    return;
  }
  let settled = false;
  process.once('beforeExit', () => {
    if (settled) return;
    const file = pendingImport();
    const what = file !== null ? `model file ${echo(file)} never finished loading: its top-level code awaits a promise that never settles` : 'cutcheck was left waiting on a promise that never settles';
    process.stderr.write(`${formatError({ code: 'CC004', message: what })}\n`);
    process.exit(EXIT.usage);
  });
  const finish = (code: number): void => {
    settled = true;
    process.stdout.write('', () => process.exit(code));
  };
  (command ?? main)(argv).then(finish, (e: unknown) => {
    // Only a bug in cutcheck itself gets here; say so in one line and keep the stack for a bug report.
    process.stderr.write(`cutcheck: internal error (a bug in cutcheck, please report it): ${describeThrown(e)} (run with CUTCHECK_DEBUG=1 for the stack)\n`);
    if (process.env['CUTCHECK_DEBUG'] !== undefined && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
    finish(EXIT_INTERNAL);
  });
}

/** The worker thread's side of the supervisor: publish handler calls and imports, honour Ctrl-C, report the code. */
export function workerMain(data: WorkerData): void {
  const port = parentPort;
  if (port === null) throw new Error('internal: workerMain outside a worker thread');
  const note = (m: WorkerNote): void => port.postMessage(m);
  installWatch(data.watch, (id, text) => note({ kind: 'name', id, text }));
  onPending((file) => note({ kind: 'loading', file }));
  Object.assign(tty, data.tty);
  const flag = new Int32Array(data.control);
  interrupted = () => Atomics.load(flag, 0) !== 0;
  main(data.argv).then(
    (code) => process.stdout.write('', () => process.stderr.write('', () => note({ kind: 'done', code }))),
    (e: unknown) => {
      process.stderr.write(`cutcheck: internal error (a bug in cutcheck, please report it): ${describeThrown(e)} (run with CUTCHECK_DEBUG=1 for the stack)\n`);
      if (process.env['CUTCHECK_DEBUG'] !== undefined && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
      process.stderr.write('', () => note({ kind: 'done', code: EXIT_INTERNAL }));
    },
  );
}

if (isMainThread && process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) run(process.argv.slice(2));
