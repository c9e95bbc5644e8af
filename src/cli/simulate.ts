// `cutcheck simulate`: random runs of a model, checked as verify checks every run; the first failing run shrunk by
// fast-check, then by cutcheck's minimiser, and written as an ITF trace and an HTML report like verify's. Takes
// verify's model flags, and its own: --runs, --depth, --seed, --path, --time, --known.

import { type Result, echo, err, ok } from '../errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { simulate, DEFAULT_APP_BOUND, DEFAULT_DEPTH, DEFAULT_RUNS, MAX_DEPTH, type SimulateProgress, type SimulateResult, type StepOrder } from '../simulate/simulate.ts';
import { mergeSimulations, type SimulatePart } from '../simulate/merge.ts';
import { resolveModel } from '../model/define.ts';
import { modelSummary } from '../check/verify.ts';
import type { Rebuild } from '../trace/document.ts';
import { concurrency, memberLines, memberSettings, parseOrder, partJson, readPart, runMembers } from './swarm.ts';
import { fingerprintOf } from './shard.ts';
import { modelOf } from './replay.ts';
import { readResultText, resultObject, type ResultText } from './result-file.ts';
import { traceViolation } from '../trace/api.ts';
import { toItfTrace } from '../trace/itf.ts';
import { renderHtml } from '../render/html.ts';
import { coverageCss, coveragePage, coverageSection } from '../render/coverage.ts';
import { simulateJson, simulateText } from '../report/simulate.ts';
import { headline, int, type Style } from '../report/text.ts';
import { stepListJson } from '../report/json.ts';
import type { VerifyArgs } from './args.ts';
import { rebuildOf, writer } from './counterexamples.ts';
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
  readonly order?: StepOrder;
  /** `--swarm K`: K diversified members; `--workers N`: N members alike but for their seeds (or, with --swarm, how many run at once). */
  readonly swarm?: number;
  readonly workers?: number;
  /** `--member I`: run member I alone and print its part as JSON. */
  readonly member?: number;
  /** The command's own arguments, as given: members are run with them. */
  readonly argv: readonly string[];
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
  --order O           forward (default) or reverse: whether a choice counts the enabled steps from the first or last
  --swarm K           K members at once, each a process with its own seed, depth bound (a quarter to all of --depth)
                      and step order, as SPIN's swarm diversifies; --workers N sets how many run together (default:
                      one per core). --workers N alone: N members alike but for their seeds, all together
  --member I          with --swarm K (or --workers N): run member I alone and print its part as JSON, for a batch
                      engine on other machines; 'cutcheck merge' combines the parts
  --trace-out FILE    write the failing run as an ITF trace ('cutcheck replay FILE' checks it again)
  --report FILE.html  write an HTML report: the failing run with the coverage, or the coverage alone
  --original          show and save fast-check's shrunk run, not cutcheck's minimised one
  model flags as 'cutcheck verify' takes them (see 'cutcheck help verify'); --json, --no-color, --no-progress
  exit codes: 0 no run violated a check, 1 a run did, 2 bad input or usage`;

/** The flags only simulate takes, each with a value. */
const OWN = ['--runs', '--depth', '--seed', '--path', '--time', '--known', '--order', '--swarm', '--member', '--workers'] as const;
/** verify's flags that mean nothing to a simulation. */
const NOT_HERE = ['--continue', '--cuts-out', '--no-por', '--no-symmetry', '--max-memory', '--shard', '--checkpoint', '--checkpoint-every', '--resume'] as const;

/** Splits simulate's own flags from the rest (verify's model and output flags, parsed by the caller). */
export function splitSimulate(argv: readonly string[]): Result<{ own: Omit<SimulateArgs, 'command' | 'model'>; rest: string[] }> {
  const rest: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if ((NOT_HERE as readonly string[]).includes(flag)) {
      const why = flag === '--shard' ? 'it splits an exhaustive search; a simulation is split with --swarm K --member I' : flag === '--max-memory' ? 'a simulation stores no state space' : 'it belongs to the exhaustive search';
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
  const swarm = whole('--swarm', 2, 1024);
  if (!swarm.ok) return swarm;
  const workers = whole('--workers', 1, 64);
  if (!workers.ok) return workers;
  const member = whole('--member', 0, 1023);
  if (!member.ok) return member;
  const members = swarm.value ?? workers.value;
  if (member.value !== undefined && (members === undefined || member.value >= members))
    return err('CC007', `--member I runs member I of --swarm K (or --workers N), with I below K; got ${member.value}${members === undefined ? ' without --swarm' : ` of ${members}`}`);
  const orderText = values.get('--order');
  const order = orderText === undefined ? ok(undefined) : parseOrder(orderText);
  if (!order.ok) return order;
  if (members !== undefined && members > 1 && path !== undefined) return err('CC007', '--path replays one failing run: give it with the --seed, --depth and --order printed for it, without --swarm or --workers');
  return ok({
    own: {
      argv,
      ...(swarm.value === undefined ? {} : { swarm: swarm.value }),
      ...(workers.value === undefined ? {} : { workers: workers.value }),
      ...(member.value === undefined ? {} : { member: member.value }),
      ...(order.value === undefined ? {} : { order: order.value }),
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
  const file = readResultText(path);
  if (!file.ok) return file;
  const object = resultObject(file.value, 'verify', "the output of 'cutcheck verify --json'");
  if (!object.ok) return object;
  const r = object.value as { factsComplete?: unknown; facts?: { cuts?: unknown }; model?: unknown };
  if (typeof r.facts?.cuts !== 'number') return err('CC014', `--known ${echo(path)} has no count of cuts`);
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
  const members = args.swarm ?? args.workers;
  for (const path of [m.traceOut, m.report]) {
    if (path === undefined || args.member !== undefined) continue;
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
    ...(args.order === undefined ? {} : { order: args.order }),
    interrupt: io.interrupted,
    ...(io.progress === null ? {} : { onProgress: io.progress }),
  };
  // The model's summary first, so that --known is checked against it before the runs.
  let known: { cuts: number } | undefined;
  if (args.known !== undefined) {
    const model = resolveModel(spec.value);
    if (!model.ok) return model;
    const cuts = knownCuts(args.known, modelSummary(model.value));
    if (!cuts.ok) return cuts;
    known = { cuts: cuts.value };
  }
  const base = { seed: args.seed ?? randomSeed(), depth: args.depth ?? DEFAULT_DEPTH, runs: args.runs ?? DEFAULT_RUNS };
  // One member of several: its own settings, and its part as JSON for whoever merges.
  if (args.member !== undefined && members !== undefined) {
    const own = memberSettings(base, members, args.member, args.swarm !== undefined);
    const r = simulate(spec.value, { ...options, ...(known === undefined ? {} : { known }), seed: own.seed, depth: own.depth, runs: own.runs, order: own.order, part: true });
    if (!r.ok) return r;
    const fp = fingerprintOf(spec.value, r.value.stats.capacity);
    if (!fp.ok) return fp;
    const { part, ...result } = r.value;
    if (part === undefined) throw new Error('internal: a member without its part');
    const text = JSON.stringify(partJson({ member: own, result, fingerprint: fp.value, ...part }, rebuildOf(loaded.value, m)));
    return ok({ text, code: result.verdict === 'violated' ? 1 : 0, notes: [] });
  }
  let result: SimulateResult;
  let lines: string[] = [];
  let replaySettings = { seed: base.seed, depth: base.depth, order: args.order ?? ('forward' as StepOrder) };
  if (members !== undefined && members > 1) {
    // Several members, each a process of this command: their parts merged.
    const ran = await runMembers([...args.argv, ...(args.seed === undefined ? ['--seed', String(base.seed)] : [])], members, args.swarm !== undefined ? concurrency(args.workers) : members);
    if (!ran.ok) return ran;
    const parts: SimulatePart[] = [];
    for (const r of ran.value) {
      const p = readPart({ path: r.source, text: r.text });
      if (!p.ok) return p;
      parts.push(p.value.part);
    }
    const swarm = mergeSimulations(spec.value, parts);
    if (!swarm.ok) return swarm;
    result = swarm.value.result;
    const what = args.swarm !== undefined ? `a swarm of ${members} members (seeds, depth bounds and step orders diversified)` : `${members} members alike but for their seeds`;
    lines = [`  ${what}, ${concurrency(args.swarm !== undefined ? args.workers : members)} at a time, each a process of its own:`, ...memberLines(swarm.value.members)];
    const failed = swarm.value.failedMember;
    if (failed !== null) replaySettings = { seed: failed.seed, depth: failed.depth, order: failed.order };
  } else {
    const r = simulate(spec.value, { ...options, ...(known === undefined ? {} : { known }), seed: base.seed });
    if (!r.ok) return r;
    result = r.value;
  }
  const replay = replayCommand(args, result, replaySettings);
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
  const write = writer([]);
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
  const text = simulateText(shown, style, result.violation === null ? undefined : replay);
  return ok({ text: lines.length === 0 ? text : insertBeforeVerdict(text, lines.map((l) => style.dim(l))), code, notes });
}

/** A seed for fast-check, drawn at random (and printed, so that the run can be made again). */
const randomSeed = (): number => Math.floor(Math.random() * 2 ** 31);

/** The report's lines with `extra` before its verdict line. */
function insertBeforeVerdict(text: string, extra: readonly string[]): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes('verdict: '));
  return [...lines.slice(0, at), ...extra, ...lines.slice(at)].join('\n');
}

/** `cutcheck merge` given members of a simulation: their parts merged, reported as simulate reports. */
export async function mergeSimulateFiles(files: readonly ResultText[], override: string | undefined, style: Style, json: boolean): Promise<Result<{ text: string; code: number }>> {
  const parts: SimulatePart[] = [];
  let rebuild: Rebuild | null = null;
  for (const f of files) {
    const p = readPart(f);
    if (!p.ok) return p;
    parts.push(p.value.part);
    rebuild ??= p.value.rebuild;
  }
  const spec = await modelOf(rebuild, files[0]?.path ?? '.', override, undefined, 'simulation result');
  if (!spec.ok) return spec;
  const fp = fingerprintOf(spec.value, parts[0]?.result.stats.capacity ?? 8);
  if (!fp.ok) return fp;
  if (fp.value !== parts[0]?.fingerprint) return err('CC014', `the model rebuilt here (fingerprint ${fp.value}) is not the one the members simulated (${parts[0]?.fingerprint ?? '?'}); pass --model with the file they used`);
  const swarm = mergeSimulations(spec.value, parts);
  if (!swarm.ok) return swarm;
  const r = swarm.value.result;
  const code = r.verdict === 'violated' ? 1 : 0;
  if (json) return ok({ text: JSON.stringify(simulateJson(r), null, 2), code });
  return ok({ text: insertBeforeVerdict(simulateText(r, style), [`  merged: ${parts.length} members`, ...memberLines(swarm.value.members)].map((l) => style.dim(l))), code });
}

/** The command that replays the failing run alone: the same model, depth, step order and seed, and fast-check's path. */
function replayCommand(args: SimulateArgs, r: SimulateResult, own: { seed: number; depth: number; order: StepOrder }): string {
  const flags = [
    ...modelFlags(args.model),
    ...(args.model.maxStates === undefined ? [] : ['--max-states', String(args.model.maxStates)]),
    '--depth',
    String(own.depth),
    ...(own.order === 'forward' ? [] : ['--order', own.order]),
    '--seed',
    String(own.seed),
    ...(r.replay.path === null ? [] : ['--path', r.replay.path]),
  ];
  return ['cutcheck simulate', ...flags.map(quoteArg)].join(' ');
}
