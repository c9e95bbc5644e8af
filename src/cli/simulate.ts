// `cutcheck simulate`: random runs of a model, checked as verify checks every run; the first failing run shrunk by
// fast-check, then by cutcheck's minimiser, and written as an ITF trace and an HTML report like verify's. Takes
// verify's model flags, and its own: --runs, --depth, --seed, --path, --time, --known.

import { readFileSync, writeFileSync } from 'node:fs';
import { type Result, describeThrown, echo, err, ok } from '../errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { simulate, DEFAULT_APP_BOUND, DEFAULT_DEPTH, DEFAULT_RUNS, MAX_DEPTH, type SimulateProgress, type SimulateResult } from '../simulate/simulate.ts';
import { traceViolation } from '../trace/api.ts';
import { toItfTrace } from '../trace/itf.ts';
import { renderHtml } from '../render/html.ts';
import { coverageCss, coveragePage, coverageSection } from '../render/coverage.ts';
import { simulateJson, simulateText } from '../report/simulate.ts';
import { headline, int, type Style } from '../report/text.ts';
import { stepListJson } from '../report/json.ts';
import type { VerifyArgs } from './args.ts';
import { rebuildOf } from './counterexamples.ts';
import { modelFlags, quoteArg } from './model-flags.ts';
import { buildSpec, loadOptional } from './load.ts';
import { prepareOutput } from './output.ts';

export interface SimulateArgs {
  readonly command: 'simulate';
  /** The model, output and file flags, as verify takes them. */
  readonly model: VerifyArgs;
  readonly runs?: number;
  readonly depth?: number;
  readonly seed?: number;
  readonly path?: string;
  readonly timeLimitS?: number;
  /** `--known FILE.json`: a `cutcheck verify --json` result of the same model, for the share of cuts covered. */
  readonly known?: string;
}

export const SIMULATE_USAGE = `  cutcheck simulate [MODEL] [model flags] [--runs N] [--depth D] [--seed S [--path P]] [--time S]
  Random runs of the model, each checked as verify checks every run: consistent, stable and invariant on each
  completed snapshot, invariant and stable on each state visited, terminates at a dead end; reachable (and, for a
  dataflow job, exactly-once) where R can be enumerated within --max-states. fast-check draws each run's scheduler
  choices, so a failing run is shrunk by fast-check, then by cutcheck's minimiser, and is replayed by its seed and path.
  For models too large for 'cutcheck verify'; a simulation finds violations but proves nothing.
  --runs N            runs to make (default ${int(DEFAULT_RUNS)})
  --depth D           most steps in one run (default ${int(DEFAULT_DEPTH)}); a run also ends at a dead end
  --seed S            fast-check's seed (default: drawn at random, and printed)
  --path P            with --seed, replay the failing run fast-check reported (printed as 'replay it')
  --time S            stop making runs after S seconds (those made are reported)
  --max-states N      most states of R to enumerate for reachable (default ${int(DEFAULT_APP_BOUND)})
  --known FILE.json   a 'cutcheck verify --json' result of the same model: the share of its cuts the runs saw
  --trace-out FILE    write the failing run as an ITF trace ('cutcheck replay FILE' checks it again)
  --report FILE.html  write an HTML report: the failing run with the coverage, or the coverage alone
  --original          show and save fast-check's shrunk run, not cutcheck's minimised one
  model flags as 'cutcheck verify' takes them (see 'cutcheck help verify'); --json, --no-color, --no-progress
  exit codes: 0 no run violated a check, 1 a run did, 2 bad input or usage`;

/** The flags only simulate takes, each with a value. */
const OWN = ['--runs', '--depth', '--seed', '--path', '--time', '--known'] as const;
/** verify's flags that mean nothing to a simulation. */
const NOT_HERE = ['--continue', '--cuts-out', '--no-por', '--no-symmetry', '--workers', '--max-memory'] as const;

/** Splits simulate's own flags from the rest (verify's model and output flags, parsed by the caller). */
export function splitSimulate(argv: readonly string[]): Result<{ own: Omit<SimulateArgs, 'command' | 'model'>; rest: string[] }> {
  const rest: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if ((NOT_HERE as readonly string[]).includes(flag)) {
      const why = flag === '--workers' ? 'simulate runs on one thread' : flag === '--max-memory' ? 'a simulation stores no state space' : 'it belongs to the exhaustive search';
      return err('CC007', `'simulate' does not take ${flag} (${why}; see 'cutcheck help simulate')`);
    }
    if (!(OWN as readonly string[]).includes(flag)) {
      rest.push(a);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) return err('CC007', `${flag} needs a value`);
    values.set(flag, value);
  }
  const whole = (flag: string, min: number, max: number): Result<number | undefined> => {
    const text = values.get(flag);
    if (text === undefined) return ok(undefined);
    return /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max ? ok(Number(text)) : err('CC003', `${flag} takes a whole number from ${int(min)} to ${int(max)}, got ${echo(text)}`);
  };
  const runs = whole('--runs', 1, 1_000_000_000);
  if (!runs.ok) return runs;
  const depth = whole('--depth', 1, MAX_DEPTH);
  if (!depth.ok) return depth;
  const seed = whole('--seed', 0, 2 ** 32 - 1);
  if (!seed.ok) return seed;
  const time = whole('--time', 1, 7 * 86_400);
  if (!time.ok) return time;
  const path = values.get('--path');
  if (path !== undefined && !/^\d+(:\d+)*$/.test(path)) return err('CC003', `--path takes fast-check's path of a failing run, numbers joined by ':' (e.g. 1:0:3), got ${echo(path)}`);
  if (path !== undefined && seed.value === undefined) return err('CC007', '--path replays a failing run only with the --seed it was found with');
  const known = values.get('--known');
  return ok({
    own: {
      ...(runs.value === undefined ? {} : { runs: runs.value }),
      ...(depth.value === undefined ? {} : { depth: depth.value }),
      ...(seed.value === undefined ? {} : { seed: seed.value }),
      ...(path === undefined ? {} : { path }),
      ...(time.value === undefined ? {} : { timeLimitS: time.value }),
      ...(known === undefined ? {} : { known }),
    },
    rest,
  });
}

/** The cut count of a `cutcheck verify --json` result of the same model, for the share of cuts covered. */
function knownCuts(path: string, model: SimulateResult['model']): Result<number> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err('CC014', `cannot read --known ${echo(path)}: ${describeThrown(e)}`);
  }
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    return err('CC014', `--known ${echo(path)} is not JSON: ${describeThrown(e)}`);
  }
  const r = j as { kind?: unknown; factsComplete?: unknown; facts?: { cuts?: unknown }; model?: unknown };
  if (typeof j !== 'object' || j === null || r.kind !== 'verify' || typeof r.facts?.cuts !== 'number')
    return err('CC014', `--known ${echo(path)} is not the output of 'cutcheck verify --json'`);
  if (r.factsComplete !== true) return err('CC014', `--known ${echo(path)} counts only part of the cuts (its search did not explore everything; run verify with --continue)`);
  if (JSON.stringify(r.model) !== JSON.stringify(model)) return err('CC014', `--known ${echo(path)} is a result for another model (${headline({ model: r.model as SimulateResult['model'] })})`);
  return ok(r.facts.cuts);
}

export interface SimulateIo {
  readonly interrupted: () => boolean;
  readonly progress: ((p: SimulateProgress) => void) | null;
}

/** Runs the command: the report's text (or JSON), its exit code, and lines about files written. */
export async function runSimulateCommand(args: SimulateArgs, style: Style, io: SimulateIo): Promise<Result<{ text: string; code: number; notes: string[] }>> {
  const m = args.model;
  const loaded = await loadOptional(m.files[0]);
  if (!loaded.ok) return loaded;
  for (const path of [m.traceOut, m.report]) {
    if (path === undefined) continue;
    const ready = prepareOutput(path);
    if (!ready.ok) return ready;
  }
  const spec = buildSpec(loaded.value, m);
  if (!spec.ok) return spec;
  const options = {
    ...(args.runs === undefined ? {} : { runs: args.runs }),
    ...(args.depth === undefined ? {} : { depth: args.depth }),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.path === undefined ? {} : { path: args.path }),
    ...(args.timeLimitS === undefined ? {} : { timeLimitMs: args.timeLimitS * 1000 }),
    ...(m.maxStates === undefined ? {} : { maxAppStates: m.maxStates }),
    ...(m.capacity === undefined ? {} : { capacity: m.capacity }),
    interrupt: io.interrupted,
    ...(io.progress === null ? {} : { onProgress: io.progress }),
  };
  // The model's summary first, so that --known is checked against it before the runs.
  let known: { cuts: number } | undefined;
  if (args.known !== undefined) {
    const probe = simulate(spec.value, { ...options, runs: 1, depth: 1, seed: 0, onProgress: () => undefined });
    if (!probe.ok) return probe;
    const cuts = knownCuts(args.known, probe.value.model);
    if (!cuts.ok) return cuts;
    known = { cuts: cuts.value };
  }
  const r = simulate(spec.value, { ...options, ...(known === undefined ? {} : { known }) });
  if (!r.ok) return r;
  const result = r.value;
  const replay = replayCommand(args, result);
  const notes: string[] = [];
  let shown = result;
  let doc = null;
  if (result.violation !== null) {
    const t = traceViolation(spec.value as ModelSpec<unknown, unknown>, result.violation, {
      rebuild: rebuildOf(loaded.value, m),
      capacity: result.stats.capacity,
      minimise: m.original !== true,
    });
    if (!t.ok) return t;
    doc = t.value.doc;
    if (m.original !== true) {
      shown = { ...result, violation: t.value.shown };
      if (doc.minimisation !== undefined) notes.push(`  ${result.violation.check}: cutcheck's minimiser: ${doc.minimisation.note}${doc.minimisation.shrunk ? " (--original shows fast-check's run)" : ''}`);
    }
  }
  const write = (path: string, text: string): Result<void> => {
    try {
      writeFileSync(path, text);
      return ok(undefined);
    } catch (e) {
      return err('CC010', `cannot write ${echo(path)}: ${describeThrown(e)}`);
    }
  };
  if (m.traceOut !== undefined) {
    if (doc === null) notes.push(`  no run failed, so no trace was written to ${m.traceOut}`);
    else {
      const w = write(m.traceOut, `${JSON.stringify(toItfTrace(doc), null, 1)}\n`);
      if (!w.ok) return w;
      notes.push(`  wrote ${m.traceOut} (check it again with: cutcheck replay ${m.traceOut})`);
    }
  }
  if (m.report !== undefined) {
    const html =
      doc === null
        ? coveragePage(result, headline(result))
        : renderHtml(doc, m.original === true && doc.original !== undefined ? doc.original : doc, {
            ...(m.traceOut === undefined ? { replayCommand: replay } : { replayCommand: `cutcheck replay ${m.traceOut}\n${replay}` }),
            appendix: `${coverageCss}${coverageSection(result.coverage, result.settings)}`,
          });
    const w = write(m.report, html);
    if (!w.ok) return w;
    notes.push(`  wrote ${m.report}`);
  }
  const code = result.verdict === 'violated' ? 1 : 0;
  if (m.json) {
    const j = simulateJson(shown) as Record<string, unknown>;
    const withTrace = doc === null ? j : { ...j, minimisation: doc.minimisation ?? null, traceSteps: stepListJson(doc.steps), replayCommand: replay };
    return ok({ text: JSON.stringify(withTrace, null, 2), code, notes });
  }
  return ok({ text: simulateText(shown, style, result.violation === null ? undefined : replay), code, notes });
}

/** The command that replays the failing run alone: the same model, depth and seed, and fast-check's path. */
function replayCommand(args: SimulateArgs, r: SimulateResult): string {
  const flags = [
    ...modelFlags(args.model),
    ...(args.model.maxStates === undefined ? [] : ['--max-states', String(args.model.maxStates)]),
    '--depth',
    String(r.settings.depth),
    '--seed',
    String(r.replay.seed),
    ...(r.replay.path === null ? [] : ['--path', r.replay.path]),
  ];
  return ['cutcheck simulate', ...flags.map(quoteArg)].join(' ');
}
