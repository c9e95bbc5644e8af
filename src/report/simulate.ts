// simulate's report: which checks some run broke, which no run broke and which could not be decided, what the runs
// covered, and how to replay them; as text (colour injected, as text.ts does) and as the `--json` object.

import { CHECKS } from '../check/result.ts';
import type { Coverage } from '../simulate/coverage.ts';
import type { SimulateResult } from '../simulate/simulate.ts';
import { SCHEMA_VERSION, violationJson } from './json.ts';
import { headline, int, plainStyle, secs, violationText, type Style } from './text.ts';

const share = (part: number, whole: number): string => `${((100 * part) / Math.max(whole, 1)).toFixed(part === whole ? 0 : 1)}%`;
const plural = (n: number, one: string, many = `${one}s`): string => `${int(n)} ${n === 1 ? one : many}`;

/** The step kinds as the report names them. */
const KIND_TEXT: Record<keyof Coverage['stepKinds'], string> = {
  act: 'act',
  deliver: 'deliver',
  'deliver-control': 'deliver control',
  initiate: 'initiate',
  internal: 'internal',
  drop: 'drop',
  duplicate: 'duplicate',
  crash: 'crash',
};

/** The coverage lines of the report. */
export function coverageLines(c: Coverage, depth: number): string[] {
  const ends = [
    `${int(c.deadEnds)} to a dead end`,
    ...(c.depthBounded > 0 ? [`${int(c.depthBounded)} cut short (by --depth ${int(depth)}, or a shorter choice list)`] : []),
    ...(c.failed > 0 ? [`${int(c.failed)} failed a check`] : []),
    `longest ${int(c.longestRun)} steps`,
  ];
  const app = c.appStatesKnown === null ? `${int(c.appStates)} application states` : `${int(c.appStates)} of ${int(c.appStatesKnown)} application states (${share(c.appStates, c.appStatesKnown)} of R)`;
  const cuts =
    c.cutsKnown === null
      ? `${plural(c.cuts, 'distinct cut')}`
      : `${int(c.cuts)} of ${int(c.cutsKnown)} distinct cuts (${share(c.cuts, c.cutsKnown)} of those an exhaustive search records)`;
  const once = c.cutFrequencies.filter((n) => n === 1).length;
  const kinds = Object.entries(c.stepKinds)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${KIND_TEXT[k as keyof Coverage['stepKinds']]} ${int(n)}`);
  const never = c.classes.filter((k) => k.taken === 0);
  const enabledOnly = never.filter((k) => k.enabled).map((k) => k.name);
  const neverEnabled = never.filter((k) => !k.enabled).map((k) => k.name);
  return [
    `  coverage: ${plural(c.runs, 'run')}, ${plural(c.steps, 'step')} (${ends.join(', ')})`,
    `            ${int(c.productStates)} product states, ${app}`,
    `            ${cuts} in ${plural(c.completions, 'completed snapshot')} (${int(c.inconsistentCuts)} inconsistent; ${int(once)} seen only once)`,
    `  steps taken: ${kinds.length === 0 ? 'none' : kinds.join(', ')}`,
    `  never taken: ${never.length === 0 ? 'none' : [...(enabledOnly.length > 0 ? [`${enabledOnly.join(', ')} (enabled, never chosen)`] : []), ...(neverEnabled.length > 0 ? [`${neverEnabled.join(', ')} (never enabled)`] : [])].join('; ')}`,
  ];
}

/** The checks as marks: ✗ violated, ~ no violation found (simulation proves nothing), – not checked. */
function marks(r: SimulateResult, style: Style): string {
  return CHECKS.filter((c) => r.checks[c] !== 'n/a')
    .map((c) => {
      const s = r.checks[c];
      return s === 'violated' ? style.bad(`✗ ${c}`) : s === 'not-violated' ? style.ok(`~ ${c}`) : style.dim(`– ${c}`);
    })
    .join('  ');
}

export function simulateText(r: SimulateResult, style: Style = plainStyle, replayCommand?: string): string {
  const st = r.stats;
  const how =
    st.stoppedBy === 'violation'
      ? 'stopped at the first failing run'
      : st.stoppedBy === 'time-limit'
        ? `stopped by the time limit (--time) after ${plural(r.coverage.runs, 'run')} of ${int(r.settings.runs)}`
        : st.stoppedBy === 'interrupt'
          ? `interrupted after ${plural(r.coverage.runs, 'run')} of ${int(r.settings.runs)}`
          : `${plural(r.coverage.runs, 'run')} of up to ${int(r.settings.depth)} steps`;
  const verdict =
    r.verdict === 'violated' ? style.bad('VIOLATED') : style.ok(`NO VIOLATION FOUND`) + style.dim(' (simulation samples executions; cutcheck verify explores them all)');
  const lines = [
    style.bold(`${headline(r)}, simulated`),
    `  ${marks(r, style)}`,
    style.dim('  (✗ violated, ~ no run violated it, – not checked)'),
    ...r.notChecked.map((n) => style.dim(`  not checked: ${n.check}: ${n.reason}`)),
    ...coverageLines(r.coverage, r.settings.depth),
    `  runs: ${how}, ${secs(st.elapsedMs)} (${int(st.stepsPerSecond)} steps/s), seed ${r.replay.seed}`,
  ];
  if (r.violation !== null && r.shrink !== null) {
    lines.push(`  failing run: run ${int(r.shrink.atRun)}, ${plural(r.shrink.fromSteps, 'step')}; fast-check shrank its choices (${plural(r.shrink.shrinks, 'shrink')}) to a run of ${plural(r.shrink.toSteps, 'step')}`);
    if (replayCommand !== undefined) lines.push(`  replay it: ${replayCommand}`);
  }
  lines.push(`  verdict: ${verdict}`);
  if (r.violation !== null) lines.push(violationText(r.violation, style));
  return lines.join('\n');
}

/** `cutcheck simulate --json` (docs/schema/simulate.schema.json). */
export function simulateJson(r: SimulateResult): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'simulate',
    verdict: r.verdict,
    model: r.model,
    checks: r.checks,
    notChecked: r.notChecked,
    coverage: r.coverage,
    settings: r.settings,
    replay: r.replay,
    shrink: r.shrink,
    stats: r.stats,
    violation: r.violation === null ? null : violationJson(r.violation),
  };
}
