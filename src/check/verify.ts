// verify(): enumerates R, explores every interleaving of the product system, and runs every check on every
// completed snapshot and every terminal state. Returns results as data; never prints.

import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { type Result, capture, err, fail } from '../errors.ts';
import { type Model, type ModelSpec, channelName, processName } from '../model/types.ts';
import { disciplineText, resolveModel } from '../model/define.ts';
import type { Progress } from '../explore/search.ts';
import { FP, fingerprint, fpHex } from '../explore/fingerprint.ts';
import { FingerprintIndex } from '../explore/fpindex.ts';
import type { VisitedStates } from '../explore/paths.ts';
import { CapacityOverflow } from '../network/channels.ts';
import { WorkloadTable } from '../system/intern.ts';
import { ProductSystem } from '../system/system.ts';
import { exploreProduct, type ReduceOptions } from '../reduce/product.ts';
import { AppSpace } from './appspace.ts';
import type { AppView } from '../model/types.ts';
import { applicableChecks } from './checks/registry.ts';
import type { Finding } from './checks/check.ts';
import { CHECKS, type CheckName, type CheckStatus, type RecordedCut, type Trace, type VerifyResult, type Violation } from './result.ts';
import { CutCollector } from './cuts.ts';
import { type CutUnion, placedSnapshots, verifyEachSnapshot } from './each-snapshot.ts';
import { buildTrace } from './trace.ts';
import { Viewer } from './view.ts';
import { describeViolation, type Pending } from './violations.ts';
import { CHECKPOINT_VERSION, type Checkpoint, type CheckpointSettings, tablesDigest } from './checkpoint.ts';
import { ALGORITHM_CLOSURE_ROWS } from '../reduce/recipe.ts';
import type { SearchImage } from '../explore/search.ts';

export interface PhaseProgress extends Progress {
  /** `costs`: compare's measuring search (check/costs.ts). */
  readonly phase: 'application' | 'snapshot' | 'costs' | 'straggler';
  /** Whose search it is, when several run (compare: the algorithm's name). */
  readonly of?: string;
  /** The bound on stored states in this phase. */
  readonly maxStates: number;
}

export interface VerifyOptions extends ReduceOptions {
  /** Stop at the first violation (default). False explores everything, as `--continue`. */
  readonly stopAtFirst?: boolean;
  /** Bound on stored states per phase; reaching it makes the verdict `incomplete`. */
  readonly maxStates?: number;
  /** Most messages one channel may hold (default 8). Going past it is an error, never a silent drop. */
  readonly capacity?: number;
  readonly onProgress?: (p: PhaseProgress) => void;
  /** Also return an example run that completes a snapshot (`VerifyResult.example`), for pictures of a model that holds. */
  readonly example?: boolean;
  /** Asked often during the search: true stops it, with what was found so far (Ctrl-C in the CLI); the verdict is then incomplete unless a violation was found. */
  readonly interrupt?: () => boolean;
  /**
   * Bound on the memory the process may use (resident set, bytes; default 75% of the machine's memory). Reaching
   * it stops the search as the state bound does: the verdict is incomplete, never a crash.
   */
  readonly maxMemoryBytes?: number;
  /** Return every distinct recorded cut, with its snapshot and a witness run, as `VerifyResult.cuts`. */
  readonly cuts?: boolean;
  /**
   * Called once for each distinct recorded cut (see RecordedCut), after the search, in the order of
   * `VerifyResult.cuts`, one at a time: for runs with more cuts than are worth keeping. The cuts of one model are the
   * same set however the search runs; the witness of each is the first run found, which threads may change.
   */
  readonly onCut?: (cut: RecordedCut) => void;
  /**
   * Search only shard `index` of `count` of a partitioned search (`verify --shard I/N`; see SearchOptions.shard), and
   * return what `mergeShards` needs as `VerifyResult.shard`. Channels start at the full capacity, so that every shard
   * numbers states alike.
   */
  readonly shard?: { readonly index: number; readonly count: number; readonly splitAt?: number };
  /**
   * Hand `save` a checkpoint of the product search between two of its levels, at least `everyMs` apart, so that a
   * search killed later can be taken up from it (`resume`). `save` must use the checkpoint before it returns: its
   * arrays are the search's own memory.
   */
  readonly checkpoint?: { readonly everyMs: number; save(checkpoint: Checkpoint): void };
  /** Take up the search a checkpoint was taken of: the same model and settings (bounds and threads may differ). */
  readonly resume?: Checkpoint;
}

/** The state bound of the searches whose memory is not watched (R for one trace's checks). */
export const DEFAULT_MAX_STATES = 20_000_000;
/** The most states the visited set can hold (explore/fpset.ts: 2^29 slots at 80% load), rounded down: every search's ceiling. */
export const VISITED_CAPACITY = 400_000_000;
/** What a stored state costs with what goes with it: about 12 bytes in the visited set and trail, the rest for the frontier and R. */
export const BYTES_PER_STATE = 32;

/**
 * The default bound on stored states: as many as the memory bound holds at BYTES_PER_STATE each, after 256 MiB for
 * the process itself; at least a million, and at most what the visited set can hold.
 */
export const defaultMaxStates = (maxMemoryBytes: number): number =>
  Math.max(1_000_000, Math.min(VISITED_CAPACITY, Math.floor((maxMemoryBytes - 256 * 2 ** 20) / BYTES_PER_STATE)));
export const DEFAULT_CAPACITY = 8;
export const MAX_CAPACITY = 256;
const FIRST_CAPACITY = 4;

export function verify<S, M>(spec: ModelSpec<S, M>, options: VerifyOptions = {}): Result<VerifyResult> {
  const model = resolveModel(spec as unknown as ModelSpec<unknown, unknown>);
  if (!model.ok) return model;
  const limit = options.capacity ?? DEFAULT_CAPACITY;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CAPACITY)
    return { ok: false, error: { code: 'CC008', message: `channel capacity must be a whole number from 1 to ${MAX_CAPACITY}, got ${limit}` } };
  // Channels start small (small vectors are fast) and grow on demand up to the limit.
  // A shard starts at the full capacity: shards that grew to different ones would fingerprint cuts differently.
  // A resumed search starts at the capacity its checkpoint had grown to.
  const first = options.resume?.settings.capacity ?? (options.shard === undefined ? Math.min(FIRST_CAPACITY, limit) : limit);
  const one = (m: Model, union?: CutUnion): VerifyResult => withGrowingCapacity(m, first, limit, (cap) => run(m, cap, options, union));
  // A script that places several snapshots: each is followed alone, as they overlap (check/each-snapshot.ts).
  const placed = placedSnapshots(model.value);
  if (options.checkpoint !== undefined || options.resume !== undefined) {
    const why = checkpointBlocker(placed, options, limit);
    if (why !== null) return err('CC007', why);
  }
  if (placed > 1 && options.shard !== undefined)
    return err('CC007', `a script that places ${placed} snapshots is searched once per snapshot; shard one snapshot at a time (--track K)`);
  if (options.shard !== undefined && (options.shard.count < 1 || options.shard.index < 0 || options.shard.index >= options.shard.count))
    return err('CC003', `a shard is I/N with 0 <= I < N, got ${options.shard.index}/${options.shard.count}`);
  if (placed > 1) return capture(() => verifyEachSnapshot(model.value, placed, one, options.stopAtFirst ?? true, () => options.interrupt?.() === true));
  return capture(() => one(model.value));
}

/** Why a search with these options cannot be checkpointed or resumed, or null. */
function checkpointBlocker(placed: number, options: VerifyOptions, limit: number): string | null {
  if (placed > 1) return `a script that places ${placed} snapshots is searched once per snapshot; checkpoint one snapshot at a time (--track K)`;
  if (options.cuts === true || options.onCut !== undefined) return 'a checkpoint does not keep the witness runs of the recorded cuts; list the cuts (--cuts-out) in a run without --checkpoint or --resume';
  const cp = options.resume;
  if (cp === undefined) return null;
  const want = settingsOf(options, limit, cp.settings.capacity);
  const differs = (Object.keys(want) as (keyof CheckpointSettings)[]).find((k) => JSON.stringify(want[k]) !== JSON.stringify(cp.settings[k]));
  return differs === undefined ? null : `the checkpoint was taken with ${differs} ${JSON.stringify(cp.settings[differs])}, and this search asks for ${JSON.stringify(want[differs])}; a resumed search keeps the settings of the one it takes up`;
}

/** The settings of a search that a checkpoint records, and a resumed search must share. */
const settingsOf = (options: VerifyOptions, limit: number, capacity: number): CheckpointSettings => ({
  capacity,
  capacityLimit: limit,
  stopAtFirst: options.stopAtFirst ?? true,
  partialOrder: options.partialOrder ?? true,
  symmetry: options.symmetry ?? true,
  example: options.example === true,
  shard: options.shard ?? null,
});

/**
 * Runs `f` with channels of capacity `start`, doubled each time a channel overflows, up to `limit`; past that, a
 * CC008 failure naming the channel. Every search over the product (verify's, compare's costs) grows this way.
 */
export function withGrowingCapacity<T>(model: Model, start: number, limit: number, f: (cap: number) => T): T {
  for (let cap = Math.min(start, limit); ; cap = Math.min(cap * 2, limit)) {
    try {
      return f(cap);
    } catch (e) {
      if (!(e instanceof CapacityOverflow)) throw e;
      if (cap >= limit) {
        const ch = model.topology.channels[e.channel];
        // Stryker disable next-line ConditionalExpression,StringLiteral: a channel overflows only in the topology's own channels, so the fallback 'a channel' is never used
        const name = ch === undefined ? 'a channel' : `channel ${channelName(model.topology, ch)}`;
        return fail('CC008', `${name} would hold more than ${limit} messages; raise the capacity (--capacity, up to ${MAX_CAPACITY}) or bound the workload's sends`);
      }
    }
  }
}

/** The reduction and thread options, passed through to the product search. */
const reduceOptions = (o: VerifyOptions): ReduceOptions => ({
  // Stryker disable next-line ConditionalExpression: an option left undefined is its default to exploreProduct (`??`), as an absent one is
  ...(o.partialOrder === undefined ? {} : { partialOrder: o.partialOrder }),
  // Stryker disable next-line ConditionalExpression: (see above)
  ...(o.symmetry === undefined ? {} : { symmetry: o.symmetry }),
  // Stryker disable next-line ConditionalExpression: (see above)
  ...(o.workers === undefined ? {} : { workers: o.workers }),
  ...(o.parallelFrom === undefined ? {} : { parallelFrom: o.parallelFrom }),
});

function faultText(model: Model): string | null {
  const f = model.faults;
  const network = [f.lossy ? 'lossy' : '', f.duplicating ? 'duplicating' : ''].filter(Boolean).join(' and ');
  if ((network === '' && !f.crash) || f.budget === 0) return null;
  const some = f.channels.some((b) => !b);
  const net = network === '' ? '' : `${network}${f.messages === 'all' ? '' : ` (${f.messages} only)`}${some ? ' on some channels' : ''}`;
  return `${[net, f.crash ? 'crashes' : ''].filter(Boolean).join(', ')}, budget ${f.budget}`;
}

/** What a result says of the model it checked: names, disciplines, algorithm, initiators, faults. */
export function modelSummary(model: Model): VerifyResult['model'] {
  return {
    name: model.name,
    topology: model.topology.spec ?? `${model.topology.n} processes`,
    workload: model.workload.name,
    channels: disciplineText(model),
    algorithm: model.algorithm.broken ? `${model.algorithm.name} (broken on purpose)` : model.algorithm.name,
    initiators: model.algorithm.initiators,
    initiatorNames: model.algorithm.initiators.map((p) => processName(model.topology, p)),
    ...(model.workload.scripted === true ? { scripted: true as const } : {}),
    faults: faultText(model),
    snapshots: model.algorithm.snapshots,
  };
}

/** One search; its distinct cuts are added to `union` when given (verify's search of each placed snapshot, each-snapshot.ts). */
function run(model: Model, cap: number, options: VerifyOptions, union?: CutUnion): VerifyResult {
  const stopAtFirst = options.stopAtFirst ?? true;
  // A checkpoint is taken up at the capacity it had grown to; a search that then outgrows it starts afresh.
  const resume = options.resume !== undefined && options.resume.settings.capacity === cap ? options.resume : null;
  const memory = memoryGuard(options.maxMemoryBytes ?? defaultMaxMemory());
  const maxStates = Math.min(options.maxStates ?? defaultMaxStates(memory.limit), VISITED_CAPACITY);
  const start = performance.now();
  const table = new WorkloadTable(model);
  const interrupt = (): boolean => options.interrupt?.() === true || memory.exceeded();
  const progress = (phase: PhaseProgress['phase']) => ({
    // Stryker disable next-line ConditionalExpression,OptionalChaining: the wrapper calls onProgress only when it is given
    ...(options.onProgress === undefined ? {} : { onProgress: (p: Progress) => options.onProgress?.({ ...p, phase, maxStates }) }),
    interrupt,
  });
  const app = new AppSpace(model, table, cap, { maxStates, ...progress('application') });
  const sys = new ProductSystem(model, table, model.algorithm.impl, cap, model.algorithm.snapshots);
  const pending = new Map<CheckName, Pending>();
  const note = (p: Pending): void => {
    if (!pending.has(p.check)) pending.set(p.check, p);
  };
  // Every check of the registry, judging what it inspects: R now, then each completed snapshot and dead end.
  const env = { sys, app };
  const applicable = applicableChecks(model);
  // Stryker disable next-line ConditionalExpression: a code left undefined is read as none (describeViolation tests `code === undefined`)
  for (const check of applicable) for (const f of check.application?.(app) ?? []) note({ ...f.finding, at: 'app', state: f.state, ...(f.code === undefined ? {} : { code: f.code }) });
  // What the search had found before its checkpoint (R's own findings, found again above, are among them).
  for (const p of resume?.observer.pending ?? []) note(p);
  // Only the first finding of each check is kept, so a check already violated is not asked again.
  const onSnapshot = applicable.flatMap((c) => (c.snapshot === undefined ? [] : [{ name: c.name, judge: c.snapshot(env) }]));
  const onTerminal = applicable.flatMap((c) => (c.terminal === undefined ? [] : [{ name: c.name, judge: c.terminal(env) }]));
  const applies = new Set(applicable.map((c) => c.name));

  const cuts = resume === null ? new FingerprintIndex(1024) : FingerprintIndex.restore(resume.cuts);
  // Snapshots one after another in each execution: each one's cuts, those of them recorded inconsistently, and its
  // shortest inconsistent run, for its own facts (a cut two snapshots record counts for both).
  const perId = sys.maxSnapshots > 1 ? new Map<number, { cuts: Set<number>; bad: Set<number>; shortest: number | null }>() : null;
  for (const [id, own, bad, shortest] of resume?.observer.perId ?? []) perId?.set(id, { cuts: new Set(own), bad: new Set(bad), shortest });
  const collector = options.cuts === true || options.onCut !== undefined ? new CutCollector(sys) : null;
  // A shard's cuts by fingerprint, for merging with the other shards' (each search numbers its cuts its own way).
  const cutFps: string[] | null = options.shard === undefined ? null : [...(resume?.observer.cutFps ?? [])];
  const cutInR: number[] = resume === null ? [] : Array.from(resume.cuts.inR);
  const cutBad: boolean[] = resume === null ? [] : Array.from(resume.cuts.bad, (b) => b === 1);
  // Each distinct cut's value, when a union across searches asks for them (ids are this search's own).
  const cutValues: AppView<unknown, unknown>[] = [];
  const bufCut = new Int32Array(app.system.width);
  const bufFinal = new Int32Array(app.system.width);
  let shortestInconsistent: number | null = resume?.observer.shortestInconsistent ?? null;
  let completions = resume?.observer.completions ?? 0;
  // The example run: the first consistent completion whose S* records a message in flight, else the first one.
  let example: { parent: number; code: number; rich: boolean } | null = resume?.observer.example ?? null;

  // Checkpoints: the ids in saved states stand for the workload's and algorithm's interned values, so those must
  // all be known before the search, in an order that does not depend on it: R's (above), then the algorithm's
  // tables closed over every input they can produce. A search that still meets new values writes no checkpoint.
  const checkpointing = options.checkpoint !== undefined || resume !== null;
  if (checkpointing && !sys.crashes) sys.alg.close(ALGORITHM_CLOSURE_ROWS * (sys.n + sys.channelCount), sys.maxSnapshots > 1);
  let tables = '';
  let written = 0;
  let refused: string | null = null;
  const onReady = (): void => {
    tables = tablesDigest(sys);
    if (resume !== null && tables !== resume.tables)
      fail('CC014', "the checkpoint's search does not fit this model: the workload or the algorithm gives other values than when it was taken (has the model changed?)");
  };
  const save = (image: SearchImage): void => {
    if (options.checkpoint === undefined || refused !== null) return;
    if (tablesDigest(sys) !== tables) {
      refused = 'the search met workload or algorithm values that R and the closure of the algorithm\'s tables do not, and their numbering depends on the order of the search';
      return;
    }
    options.checkpoint.save({
      version: CHECKPOINT_VERSION,
      model: modelSummary(model),
      settings: settingsOf(options, options.capacity ?? DEFAULT_CAPACITY, cap),
      tables,
      elapsedMs: (resume?.elapsedMs ?? 0) + performance.now() - start,
      savedAt: new Date().toISOString(),
      observer: {
        completions,
        shortestInconsistent,
        example,
        pending: [...pending.values()],
        perId: perId === null ? null : [...perId.entries()].map(([id, own]) => [id, [...own.cuts], [...own.bad], own.shortest] as const),
        cutFps,
      },
      cuts: { ...cuts.image(), inR: Int32Array.from(cutInR), bad: Uint8Array.from(cutBad, (b) => (b ? 1 : 0)) },
      search: image,
    });
    written++;
  };
  const recordsInFlight = (vec: Int32Array): boolean =>
    sys.model.topology.channels.some((_, c) => (vec[sys.layout.recordedQueue(c)] as number) > 0);
  // The completed snapshot the judges see; its views are made only if a judge asks.
  let cutView: AppView<unknown, unknown> | null = null;
  let finalView: AppView<unknown, unknown> | null = null;
  const completed = {
    vec: bufCut as Int32Array<ArrayBufferLike>,
    cutId: 0,
    cut: bufCut,
    // Stryker disable next-line UnaryOperator: set at each completion before any judge reads it
    cutIndex: -1,
    final: bufFinal,
    // Stryker disable next-line UnaryOperator: set at each completion before any judge reads it
    finalIndex: -1,
    cutView: () => (cutView ??= app.view(bufCut)),
    finalView: () => (finalView ??= app.view(bufFinal)),
  };

  // No product search after a violation under stop-at-first, or once the run was interrupted or ran out of memory.
  const product =
    (stopAtFirst && pending.size > 0) || interrupt()
      ? null
      : exploreProduct(
          sys,
          {
            onEvent(vec, _event, parent, code, depth) {
              completions++;
              sys.writeCut(vec, app.system, bufCut);
              fingerprint(bufCut, 0, bufCut.length);
              const fresh = cuts.insert(FP.hi, FP.lo);
              const cut = fresh >= 0 ? fresh : -fresh - 1;
              if (fresh >= 0) {
                if (cutFps !== null) cutFps.push(fpHex(FP.hi, FP.lo));
                cutInR.push(app.indexOf(bufCut));
                cutBad.push(false);
                if (union !== undefined) cutValues.push(app.view(bufCut));
              }
              const inconsistent = sys.isInconsistent(vec);
              collector?.add(vec, parent, code, depth, inconsistent, (cutInR[cut] as number) >= 0);
              if (options.example === true && !inconsistent && example?.rich !== true) {
                const rich = recordsInFlight(vec);
                if (example === null || rich) example = { parent, code, rich };
              }
              if (inconsistent) {
                cutBad[cut] = true;
                shortestInconsistent ??= depth;
              }
              if (perId !== null) {
                const id = sys.snapshotId(vec);
                const own = perId.get(id) ?? { cuts: new Set<number>(), bad: new Set<number>(), shortest: null };
                perId.set(id, own);
                own.cuts.add(cut);
                if (inconsistent) {
                  own.bad.add(cut);
                  own.shortest ??= depth;
                }
              }
              sys.writeApp(vec, app.system, bufFinal);
              completed.vec = vec;
              completed.cutId = cut;
              completed.cutIndex = cutInR[cut] as number;
              completed.finalIndex = app.indexOf(bufFinal);
              cutView = null;
              finalView = null;
              for (let k = 0; k < onSnapshot.length; k++) {
                const { name, judge } = onSnapshot[k] as (typeof onSnapshot)[number];
                // Stryker disable next-line ConditionalExpression: note keeps a check's first finding anyway; this only saves judging again
                if (pending.has(name)) continue;
                const found = judge(completed);
                if (found.length > 0) note({ ...(found[0] as Finding), at: 'completion', parent, code });
              }
              return stopAtFirst && pending.size > 0;
            },
            onTerminal(vec, id) {
              for (const { name, judge } of onTerminal) {
                // Stryker disable next-line ConditionalExpression: note keeps a check's first finding anyway; this only saves judging again
                if (pending.has(name)) continue;
                const found = judge(vec);
                // Stryker disable next-line StringLiteral: describeViolation reads `at` only as 'app' or 'completion'; anything else is a product state
                if (found.length > 0) note({ ...(found[0] as Finding), at: 'product-state', id });
              }
              return stopAtFirst && pending.size > 0;
            },
          },
          {
            maxStates,
            ...progress('snapshot'),
            ...reduceOptions(options),
            ...(options.shard === undefined ? {} : { shard: options.shard }),
            ...(checkpointing ? { onReady } : {}),
            ...(options.checkpoint === undefined ? {} : { checkpoint: { everyMs: options.checkpoint.everyMs, save } }),
            ...(resume === null ? {} : { resume: resume.search }),
          },
        );

  cutValues.forEach((v, c) => union?.add(v, cutBad[c] === true, (cutInR[c] as number) >= 0));
  const recorded: RecordedCut[] = [];
  if (collector !== null && product !== null)
    for (const entry of collector.entries(product.store)) {
      options.onCut?.(entry);
      if (options.cuts === true) recorded.push(entry);
    }
  const appExhaustive = !app.outcome.truncated;
  const exhaustive = appExhaustive && product !== null && !product.stopped && !product.truncated;
  const violations: Violation[] = CHECKS.flatMap((check) => {
    const p = pending.get(check);
    return p === undefined ? [] : [describeViolation(p, { sys, app, productStore: product?.store ?? null })];
  });
  const checks = Object.fromEntries(
    CHECKS.map((c): [CheckName, CheckStatus] => [c, !applies.has(c) ? 'n/a' : pending.has(c) ? 'violated' : exhaustive ? 'holds' : 'unknown']),
  ) as Record<CheckName, CheckStatus>;
  const elapsedMs = (resume?.elapsedMs ?? 0) + performance.now() - start;
  const productStates = product?.states ?? 0;
  const transitions = product?.transitions ?? 0;
  const appTransitions = app.outcome.transitions;
  const truncated = app.outcome.truncated || product?.truncated === true;
  return {
    model: modelSummary(model),
    verdict: violations.length > 0 ? 'violated' : truncated ? 'incomplete' : 'holds',
    checks,
    facts: {
      appStates: app.size,
      cuts: cuts.size,
      inconsistentCuts: cutBad.filter(Boolean).length,
      unreachableCuts: cutInR.filter((r) => r < 0).length,
      shortestInconsistent,
    },
    factsComplete: exhaustive,
    stats: {
      productStates,
      transitions,
      depth: product?.depth ?? 0,
      appStates: app.size,
      appTransitions,
      completions,
      elapsedMs,
      statesPerSecond: product === null ? 0 : Math.round(productStates / Math.max(product.elapsedMs / 1000, 1e-9)),
      capacity: cap,
      collisionProbability: (productStates * transitions * (product?.reductions.collisionFactor ?? 1) + app.size * appTransitions) / 2 ** 64,
      storeBytes: (product?.store.bytes() ?? 0) + app.bytes() + cuts.bytes(),
      reductions:
        product === null
          ? { partialOrder: 'off (no product search)', symmetry: 'off (no product search)', threads: 0 }
          : { partialOrder: product.reductions.partialOrder, symmetry: product.reductions.symmetry, threads: product.reductions.threads },
      exhaustive,
      stoppedBy: exhaustive ? null : memory.hit ? 'memory-bound' : options.interrupt?.() === true ? 'interrupt' : truncated ? 'state-bound' : 'first-violation',
      ...(memory.hit && memory.what === 'heap' ? { memoryHit: 'heap' as const, heapLimitBytes: memory.heapLimit } : {}),
      maxMemoryBytes: memory.limit,
      maxStates,
      ...(checkpointing
        ? { checkpoint: { written, refused, resumedAt: resume === null ? null : { depth: resume.search.depth, states: resume.search.set.size, savedAt: resume.savedAt } } }
        : {}),
    },
    violations,
    ...(perId === null
      ? {}
      : {
          snapshotRuns: 'one after another' as const,
          perSnapshot: [...perId.entries()]
            .sort(([a], [b]) => a - b)
            .map(([snapshot, own]) => ({
              snapshot,
              facts: {
                appStates: app.size,
                cuts: own.cuts.size,
                inconsistentCuts: own.bad.size,
                unreachableCuts: [...own.cuts].filter((c) => (cutInR[c] as number) < 0).length,
                shortestInconsistent: own.shortest,
              },
              factsComplete: exhaustive,
            })),
        }),
    ...(cutFps === null || options.shard === undefined
      ? {}
      : {
          shard: {
            index: options.shard.index,
            count: options.shard.count,
            splitDepth: product?.shard?.depth ?? null,
            prefixStates: product?.shard?.prefixStates ?? 0,
            skipped: product?.shard?.skipped ?? 0,
            cuts: cutFps.map((fp, c) => ({ fp, bad: cutBad[c] === true, inR: (cutInR[c] as number) >= 0 })),
            sample: product?.store.sample(SAMPLE_MASK) ?? [],
          },
        }),
    ...(options.example === true ? { example: exampleTrace(sys, product?.store ?? null, example) } : {}),
    ...(options.cuts === true ? { cuts: recorded } : {}),
  };
}

/** A shard samples the visited states whose fingerprint has these low bits clear (1 in 256), to estimate overlap. */
export const SAMPLE_MASK = 255;

/** 75% of the machine's memory: past that a search is better stopped with what it found than killed. */
export const defaultMaxMemory = (): number => Math.floor(0.75 * totalmem());

/** What the memory guard reads: the resident set, and the JavaScript heap's use and limit (bytes). */
export interface MemoryReading {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapLimit: number;
}

const readMemory = (): MemoryReading => {
  const h = getHeapStatistics();
  return { rss: process.memoryUsage.rss(), heapUsed: h.used_heap_size, heapLimit: h.heap_size_limit };
};

/** A search stops once the JavaScript heap is this full: past it, V8 would end the process with no report. */
export const HEAP_SHARE = 0.9;

/**
 * Watches memory, reading it at most every 200 ms; `hit` once the resident set passed `limit` (`what`: resident), or
 * the JavaScript heap passed HEAP_SHARE of its limit (`what`: heap), whichever comes first.
 */
export function memoryGuard(
  limit: number,
  read: () => MemoryReading = readMemory,
): { readonly limit: number; readonly hit: boolean; readonly what: 'resident' | 'heap' | null; readonly heapLimit: number; exceeded(): boolean } {
  let last = 0;
  const guard = {
    limit,
    hit: false,
    what: null as 'resident' | 'heap' | null,
    heapLimit: 0,
    exceeded(): boolean {
      if (guard.hit) return true;
      const now = performance.now();
      // Stryker disable next-line EqualityOperator,ArithmeticOperator: how often memory is read changes when a bound is noticed, by under 200 ms, not whether
      if (now - last < 200 && last !== 0) return false;
      last = now;
      const m = read();
      guard.heapLimit = m.heapLimit;
      guard.what = m.rss > limit ? 'resident' : m.heapUsed > HEAP_SHARE * m.heapLimit ? 'heap' : null;
      guard.hit = guard.what !== null;
      return guard.hit;
    },
  };
  return guard;
}

function exampleTrace(sys: ProductSystem, store: VisitedStates | null, at: { parent: number; code: number } | null): Trace | null {
  if (store === null || at === null) return null;
  return buildTrace(new Viewer(sys), [...store.pathTo(at.parent), at.code]);
}
