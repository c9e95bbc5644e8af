// Merging simulations run apart (`simulate --swarm K`, `--workers N`, or members run on other machines and given to
// `cutcheck merge`): the coverage summed, and the distinct states and cuts counted once over all of them, by
// fingerprint; the first member's failing run rebuilt on the model. The result is one SimulateResult.

import { type Result, capture, err } from '../errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { resolveModel } from '../model/define.ts';
import { CHECKS, type CheckName, type Violation } from '../check/result.ts';
import { violationFromCodes } from '../check/shard.ts';
import { followingSnapshot } from '../trace/api.ts';
import type { Coverage, StepClass } from './coverage.ts';
import type { SimulatedStatus, SimulateResult, StepOrder } from './simulate.ts';

/** How one member of a swarm ran: its own seed, depth bound and step order, and its share of the runs. */
export interface MemberSettings {
  readonly index: number;
  readonly count: number;
  readonly seed: number;
  readonly depth: number;
  readonly order: StepOrder;
  readonly runs: number;
}

/** One member's simulation, with what merging needs besides its report. */
export interface SimulatePart {
  readonly member: MemberSettings;
  readonly result: SimulateResult;
  /** The model's identity fingerprint: every member of a merge must have the same. */
  readonly fingerprint: string;
  /** Each distinct cut the member saw: fingerprint (16 hex digits), how many completions recorded it, whether inconsistently. */
  readonly cuts: readonly { readonly fp: string; readonly count: number; readonly bad: boolean }[];
  /** The fingerprints of the application states its runs visited. */
  readonly appStates: readonly string[];
  /** The fingerprints of the product states its runs visited whose low 8 bits are clear (about 1 in 256). */
  readonly productSample: readonly string[];
  /** Its failing run, as step codes (and the placed snapshot it follows, if any); null when no run failed. */
  readonly failing: { readonly check: CheckName; readonly codes: readonly number[]; readonly track: number | null } | null;
}

export interface Swarm {
  readonly result: SimulateResult;
  readonly members: readonly (MemberSettings & { readonly steps: number; readonly failed: boolean })[];
  /** The member whose failing run is shown, or null. */
  readonly failedMember: MemberSettings | null;
}

export function mergeSimulations<S, M>(spec: ModelSpec<S, M>, parts: readonly SimulatePart[]): Result<Swarm> {
  const first = parts[0];
  if (first === undefined) return err('CC007', 'merge needs the result of every member, and got none');
  const k = first.member.count;
  for (const p of parts) {
    if (p.fingerprint !== first.fingerprint) return err('CC014', `member ${p.member.index}/${p.member.count} simulated another model than member ${first.member.index}/${k}`);
    if (p.member.count !== k) return err('CC014', `member ${p.member.index}/${p.member.count} belongs to a swarm of ${p.member.count}, not ${k}`);
  }
  const seen = new Set(parts.map((p) => p.member.index));
  if (seen.size !== parts.length) return err('CC014', 'a member of the swarm is given twice');
  const missing = Array.from({ length: k }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) return err('CC014', `member${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${k}`).join(', ')} of the swarm ${missing.length === 1 ? 'is' : 'are'} missing`);
  const sorted = [...parts].sort((a, b) => a.member.index - b.member.index);
  const failedPart = sorted.find((p) => p.failing !== null) ?? null;
  let violation: Violation | null = null;
  if (failedPart?.failing != null) {
    const f = failedPart.failing;
    const model = resolveModel(followingSnapshot(spec, f.track ?? undefined) as unknown as ModelSpec<unknown, unknown>);
    if (!model.ok) return model;
    const v = capture(() => violationFromCodes(model.value, f.check, f.codes, failedPart.result.stats.capacity));
    if (!v.ok) return v;
    violation = v.value;
  }
  return { ok: true, value: merge(sorted, failedPart, violation) };
}

function merge(parts: readonly SimulatePart[], failedPart: SimulatePart | null, violation: Violation | null): Swarm {
  const first = parts[0] as SimulatePart;
  const sum = (f: (c: Coverage) => number): number => parts.reduce((a, p) => a + f(p.result.coverage), 0);
  const cuts = new Map<string, { count: number; bad: boolean }>();
  for (const p of parts)
    for (const c of p.cuts) {
      const had = cuts.get(c.fp);
      cuts.set(c.fp, { count: (had?.count ?? 0) + c.count, bad: c.bad || had?.bad === true });
    }
  const sampled = parts.reduce((a, p) => a + p.productSample.length, 0);
  const sampleUnion = new Set(parts.flatMap((p) => p.productSample)).size;
  const productSum = sum((c) => c.productStates);
  const stepKinds = Object.fromEntries(Object.keys(first.result.coverage.stepKinds).map((kind) => [kind, sum((c) => c.stepKinds[kind as keyof Coverage['stepKinds']])])) as Coverage['stepKinds'];
  const actions = new Map<string, number>();
  for (const p of parts) for (const a of p.result.coverage.actions) actions.set(a.name, (actions.get(a.name) ?? 0) + a.taken);
  const classes = new Map<string, StepClass>();
  for (const p of parts)
    for (const c of p.result.coverage.classes) {
      const had = classes.get(c.name);
      classes.set(c.name, { name: c.name, kind: c.kind, taken: (had?.taken ?? 0) + c.taken, enabled: c.enabled || had?.enabled === true });
    }
  const coverage: Coverage = {
    runs: sum((c) => c.runs),
    steps: sum((c) => c.steps),
    deadEnds: sum((c) => c.deadEnds),
    depthBounded: sum((c) => c.depthBounded),
    failed: sum((c) => c.failed),
    longestRun: Math.max(...parts.map((p) => p.result.coverage.longestRun)),
    // Estimated from the samples: the members' counts, scaled by how much of their samples is distinct.
    productStates: sampled === 0 ? productSum : Math.round((productSum * sampleUnion) / sampled),
    appStates: new Set(parts.flatMap((p) => p.appStates)).size,
    appStatesKnown: first.result.coverage.appStatesKnown,
    completions: sum((c) => c.completions),
    cuts: cuts.size,
    inconsistentCuts: [...cuts.values()].filter((c) => c.bad).length,
    cutsKnown: first.result.coverage.cutsKnown,
    cutFrequencies: [...cuts.values()].map((c) => c.count).sort((a, b) => b - a),
    stepKinds,
    actions: [...actions].map(([name, taken]) => ({ name, taken })).sort((a, b) => a.name.localeCompare(b.name)),
    classes: [...classes.values()],
  };
  const checks = Object.fromEntries(
    CHECKS.map((c): [CheckName, SimulatedStatus] => {
      const each = parts.map((p) => p.result.checks[c]);
      return [c, each.includes('violated') ? 'violated' : each.includes('not-checked') ? 'not-checked' : each.every((s) => s === 'n/a') ? 'n/a' : 'not-violated'];
    }),
  ) as Record<CheckName, SimulatedStatus>;
  const elapsedMs = Math.max(...parts.map((p) => p.result.stats.elapsedMs));
  const stopped = parts.map((p) => p.result.stats.stoppedBy);
  const result: SimulateResult = {
    model: first.result.model,
    verdict: violation === null ? 'no-violation-found' : 'violated',
    checks,
    notChecked: first.result.notChecked,
    violation,
    replay: failedPart === null ? { seed: first.member.seed, path: null } : failedPart.result.replay,
    shrink: failedPart?.result.shrink ?? null,
    coverage,
    settings: {
      runs: parts.reduce((a, p) => a + p.result.settings.runs, 0),
      depth: Math.max(...parts.map((p) => p.result.settings.depth)),
      timeLimitMs: first.result.settings.timeLimitMs,
      maxAppStates: first.result.settings.maxAppStates,
    },
    stats: {
      elapsedMs,
      stepsPerSecond: Math.round(coverage.steps / Math.max(elapsedMs / 1000, 1e-9)),
      capacity: first.result.stats.capacity,
      appStates: first.result.stats.appStates,
      stoppedBy: violation !== null ? 'violation' : stopped.includes('interrupt') ? 'interrupt' : stopped.includes('time-limit') ? 'time-limit' : 'runs',
    },
  };
  return {
    result,
    members: parts.map((p) => ({ ...p.member, steps: p.result.coverage.steps, failed: p.failing !== null })),
    failedMember: failedPart?.member ?? null,
  };
}
