// A partitioned search on engines users already run (a Kubernetes Indexed Job, a CI matrix, GNU parallel):
// `cutcheck verify ... --shard I/N` prints its shard's result as JSON, and `cutcheck merge RESULT.json...` combines
// them into the verdicts and facts a single search gives (check/shard.ts).

import { type Result, capture, echo, err, ok } from '../errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { resolveModel } from '../model/define.ts';
import { CHECKS, type CheckName, type CheckStatus, type VerifyResult } from '../check/result.ts';
import { PathChecker } from '../check/path.ts';
import { mergeShards, type Merged, type ShardResult } from '../check/shard.ts';
import { identityOf } from '../trace/build.ts';
import type { Rebuild } from '../trace/document.ts';
import { SCHEMA_VERSION, toJson } from '../report/json.ts';
import { int, report, type Style } from '../report/text.ts';
import { OUTPUT_FLAGS, parseFlags, switchFlag } from './flags.ts';
import { modelOf } from './replay.ts';
import { HEX, isCount, isObject, readResultText, resultObject, type ResultText } from './result-file.ts';

export const MERGE_USAGE = `  cutcheck merge RESULT.json... [--model MODEL.ts] [--json] [--no-color]
  Combines the results of 'cutcheck verify ... --shard I/N' (each shard's JSON, I = 0 .. N-1) into the verdicts,
  facts and shortest counterexamples a single 'cutcheck verify' of the same model gives. Every shard must be given
  once, all of one model and one split. The model is rebuilt as the results name it (a model file inside the
  working directory; --model loads another). It also says how much work the shards did twice.
  Given the parts of 'cutcheck simulate ... --swarm K --member I' instead, it combines the simulation's coverage
  and its first failing run, as 'simulate --swarm K' does on one machine.
  exit codes as 'cutcheck verify': 0 holds, 1 violated, 2 bad input, 3 incomplete (a shard reached a bound)`;

export interface MergeArgs {
  readonly command: 'merge';
  readonly files: readonly string[];
  readonly model?: string;
  readonly json: boolean;
  readonly color: boolean | undefined;
}

export function parseMergeArgs(argv: readonly string[]): Result<MergeArgs> {
  const flags = parseFlags(argv, { model: { type: 'string' }, ...OUTPUT_FLAGS }, 'cutcheck help merge');
  if (!flags.ok) return flags;
  const v = flags.value.values;
  if (flags.value.positionals.length === 0) return err('CC007', "'merge' needs the result file of every shard (see 'cutcheck help merge')");
  return ok({ command: 'merge', files: flags.value.positionals, ...(v.model === undefined ? {} : { model: v.model }), json: v.json === true, color: switchFlag(v, 'color') });
}

/** `--shard I/N`, parsed. */
export function parseShard(text: string): Result<{ index: number; count: number }> {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || count > 4096 || index >= count) return err('CC003', `--shard takes I/N with 0 <= I < N <= 4096 (e.g. 0/4 for the first of four), got ${echo(text)}`);
  return ok({ index, count });
}

/** A cut as a shard writes it: its fingerprint, then 1 or 0 for recorded inconsistently, then 1 or 0 for in R. */
const cutText = (c: { fp: string; bad: boolean; inR: boolean }): string => `${c.fp}${c.bad ? 1 : 0}${c.inR ? 1 : 0}`;

/** The model's identity fingerprint, as trace files carry it. */
export function fingerprintOf(spec: ModelSpec<unknown, unknown>, capacity: number): Result<string> {
  const model = resolveModel(spec);
  if (!model.ok) return model;
  // Probing the workload (identityOf runs its initial actions) may fail on a model put together wrongly.
  return capture(() => identityOf(model.value, new PathChecker(model.value, capacity)).fingerprint);
}

/** `verify --shard` output: the shard's result as merge reads it. */
export function shardJson(r: VerifyResult, fingerprint: string, rebuild: Rebuild): object {
  const s = r.shard;
  if (s === undefined) throw new Error('internal: a shard result without its shard part');
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'shard',
    shard: { index: s.index, count: s.count, splitDepth: s.splitDepth, prefixStates: s.prefixStates, skipped: s.skipped },
    model: r.model,
    fingerprint,
    rebuild,
    verdict: r.verdict,
    checks: r.checks,
    facts: r.facts,
    factsComplete: r.factsComplete,
    stats: r.stats,
    violations: r.violations.map((v) => ({ check: v.check, steps: v.trace.codes.length, codes: v.trace.codes })),
    cuts: s.cuts.map(cutText),
    sample: s.sample,
  };
}

/** One line for stderr after a shard: what it searched, and its verdict. */
export function shardLine(r: VerifyResult): string {
  const s = r.shard;
  if (s === undefined) return '';
  const split = s.splitDepth === null ? 'no level was large enough to split, so it searched everything' : `split at depth ${s.splitDepth}, where ${int(s.prefixStates)} states are searched by every shard`;
  return `cutcheck: shard ${s.index}/${s.count}: ${int(r.stats.productStates)} states, ${int(s.cuts.length)} distinct cuts (${split}); verdict ${r.verdict}; merge every shard's output with 'cutcheck merge'`;
}

/** A shard's result file, checked field by field: one CC014 line naming the file and what is wrong. */
export function readShard(path: string): Result<{ shard: ShardResult; rebuild: Rebuild | null }> {
  const r = readResultText(path);
  return r.ok ? shardFromText(r.value) : r;
}

/** A shard's result, from its file's text. */
export function shardFromText(r: ResultText): Result<{ shard: ShardResult; rebuild: Rebuild | null }> {
  const bad = (what: string): Result<never> => err('CC014', `${echo(r.path)}: ${what}`);
  const object = resultObject(r, 'shard', "the result of a shard (written by 'cutcheck verify ... --shard I/N')");
  if (!object.ok) return object;
  const j = object.value;
  const shard = j['shard'];
  if (!isObject(shard) || !isCount(shard['index']) || !isCount(shard['count']) || (shard['index'] as number) >= (shard['count'] as number) || !(shard['splitDepth'] === null || isCount(shard['splitDepth'])) || !isCount(shard['prefixStates']) || !isCount(shard['skipped']))
    return bad('"shard" must hold index < count, splitDepth (a depth or null), prefixStates and skipped');
  if (!isObject(j['model']) || typeof j['fingerprint'] !== 'string') return bad('"model" and "fingerprint" are missing');
  const checks = j['checks'];
  const statuses: readonly CheckStatus[] = ['holds', 'violated', 'unknown', 'n/a'];
  if (!isObject(checks) || CHECKS.some((c) => !statuses.includes(checks[c] as CheckStatus))) return bad(`"checks" must give each of ${CHECKS.join(', ')} a status`);
  const facts = j['facts'];
  if (!isObject(facts) || !['appStates', 'cuts', 'inconsistentCuts', 'unreachableCuts'].every((k) => isCount(facts[k])) || !(facts['shortestInconsistent'] === null || isCount(facts['shortestInconsistent'])))
    return bad('"facts" must hold the five facts');
  const stats = j['stats'];
  if (!isObject(stats) || !['productStates', 'transitions', 'depth', 'completions', 'capacity'].every((k) => isCount(stats[k])) || typeof stats['exhaustive'] !== 'boolean' || typeof stats['elapsedMs'] !== 'number')
    return bad('"stats" is missing counts, exhaustive or elapsedMs');
  const violations = j['violations'];
  if (!Array.isArray(violations) || violations.some((v) => !isObject(v) || !(CHECKS as readonly unknown[]).includes(v['check']) || !Array.isArray(v['codes']) || (v['codes'] as unknown[]).some((c) => !isCount(c))))
    return bad('"violations" must be a list of {check, codes}');
  const cuts = j['cuts'];
  if (!Array.isArray(cuts) || cuts.some((c) => typeof c !== 'string' || !/^[0-9a-f]{16}[01][01]$/.test(c))) return bad('"cuts" must be a list of 16 hex digits and two flags (0 or 1)');
  const sample = j['sample'];
  if (!Array.isArray(sample) || sample.some((x) => typeof x !== 'string' || !HEX.test(x))) return bad('"sample" must be a list of 16 hex digits');
  const rebuild = j['rebuild'];
  if (!(rebuild === null || (isObject(rebuild) && isObject(rebuild['args']) && (rebuild['file'] === undefined || typeof rebuild['file'] === 'string'))))
    return bad('"rebuild" must say how to build the model ({file?, args})');
  return ok({
    shard: {
      model: j['model'] as unknown as VerifyResult['model'],
      fingerprint: j['fingerprint'],
      checks: checks as Record<CheckName, CheckStatus>,
      facts: facts as unknown as ShardResult['facts'],
      factsComplete: j['factsComplete'] === true,
      stats: stats as unknown as ShardResult['stats'],
      violations: (violations as { check: CheckName; codes: number[] }[]).map((v) => ({ check: v.check, codes: v.codes })),
      shard: {
        index: shard['index'] as number,
        count: shard['count'] as number,
        splitDepth: shard['splitDepth'] as number | null,
        prefixStates: shard['prefixStates'] as number,
        skipped: shard['skipped'] as number,
        cuts: (cuts as string[]).map((c) => ({ fp: c.slice(0, 16), bad: c[16] === '1', inR: c[17] === '1' })),
        sample: sample as string[],
      },
    },
    rebuild: rebuild as Rebuild | null,
  });
}

/** The lines merge adds to verify's report: the split, and the work done twice. */
export function mergeLines(m: Merged['merge']): string[] {
  const split = m.splitDepth === null ? 'no level was large enough to split: every shard searched everything' : `split at depth ${m.splitDepth} (${int(m.prefixStates)} states above it searched by every shard)`;
  const twice = m.statesSummed - m.statesDistinct;
  return [
    `  merged: ${m.shards} shards, ${split}`,
    `  shards stored ${int(m.statesSummed)} states in all, about ${int(m.statesDistinct)} distinct (estimated from a 1-in-256 sample): about ${int(Math.max(0, twice))} (${((100 * Math.max(0, twice)) / Math.max(m.statesSummed, 1)).toFixed(1)}%) stored twice or more`,
    `  slowest shard ${(m.slowestMs / 1000).toFixed(2)} s, all shards ${(m.summedMs / 1000).toFixed(2)} s`,
  ];
}

/** `cutcheck merge`: the text (or JSON) and the exit code. */
export async function runMergeCommand(args: MergeArgs, files: readonly ResultText[], style: Style): Promise<Result<{ text: string; code: number }>> {
  const shards: ShardResult[] = [];
  let rebuild: Rebuild | null = null;
  for (const f of files) {
    const r = shardFromText(f);
    if (!r.ok) return r;
    shards.push(r.value.shard);
    rebuild ??= r.value.rebuild;
  }
  const spec = await modelOf(rebuild, args.files[0] as string, args.model, undefined, 'shard result');
  if (!spec.ok) return spec;
  const fp = fingerprintOf(spec.value, shards[0]?.stats.capacity ?? 8);
  if (!fp.ok) return fp;
  if (fp.value !== shards[0]?.fingerprint) return err('CC014', `the model rebuilt here (fingerprint ${fp.value}) is not the one the shards searched (${shards[0]?.fingerprint ?? '?'}); pass --model with the file they used`);
  const merged = mergeShards(spec.value, shards);
  if (!merged.ok) return merged;
  const { result, merge } = merged.value;
  const code = result.verdict === 'holds' ? 0 : result.verdict === 'violated' ? 1 : 3;
  if (args.json) return ok({ text: JSON.stringify({ ...toJson(result), merge }, null, 2), code });
  return ok({ text: [report(result, style), ...mergeLines(merge).map((l) => style.dim(l))].join('\n'), code });
}
