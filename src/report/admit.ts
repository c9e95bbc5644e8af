// `cutcheck admit`'s outputs: the text report and the --json object (docs/schema/admit.schema.json), from the
// admission result as data.

import type { AdmitResult, ScenarioCut, SnapshotVerdict } from '../admit/admit.ts';
import { int, type Style } from './text.ts';
import { SCHEMA_VERSION, type Json } from './json.ts';

/** Where each snapshot's witness trace file went (admitted: its witness; refused: the closest cut's), if written. */
export type WitnessFiles = ReadonlyMap<string, string>;

export const cutText = (c: ScenarioCut): string =>
  [
    Object.entries(c.tokens).map(([s, t]) => `${s} ${t}`).join(', '),
    Object.entries(c.channels)
      .filter(([, m]) => m.length > 0)
      .map(([l, m]) => `${l} [${m.map((x) => `token(${x})`).join(', ')}]`)
      .join(', ') || 'no token in flight',
  ].join('; ');

function verdictLines(s: SnapshotVerdict, style: Style, written: WitnessFiles): string[] {
  const head = `  ${s.file}: snapshot ${s.id} `;
  const file = written.get(s.file);
  const wrote = file === undefined ? [] : [style.dim(`    wrote ${file} (cutcheck replay ${file}; cutcheck render ${file})`)];
  switch (s.verdict) {
    case 'admitted': {
      const how = s.unique
        ? 'the only cut the scenario can record for it'
        : s.outcomesExhaustive
          ? `one of ${int(s.outcomes)} cuts the scenario can record for it, depending on timing`
          : s.outcomes === 0
            ? 'a cut the scenario can record for it (whether it is the only one is not known: the search for every cut stopped before it found one)'
            : `one of the cuts the scenario can record for it, depending on timing (${int(s.outcomes)} found before the search for every cut stopped)`;
      const steps = s.witness?.steps ?? [];
      return [`${head}${style.ok('ADMITTED')}: ${how}`, `    witness (${steps.length} steps): ${steps.map((x) => x.text).join('; ')}`, ...wrote];
    }
    case 'undecided':
      return [`${head}${style.dim('UNDECIDED')}: ${s.reason ?? `the search stopped before it saw every cut (${int(s.outcomes)} found so far, none of them this one)`}`];
    case 'refused': {
      if (s.closest === undefined) return [`${head}${style.bad('REFUSED')}: ${s.reason ?? ''}`];
      const n = s.closest.differences.length;
      const of = s.outcomesExhaustive
        ? `none of the ${int(s.outcomes)} cuts the scenario can record for it; the closest differs`
        : `no run of the scenario records it (every timing explored for it); the closest of the ${int(s.outcomes)} cuts found differs`;
      return [
        `${head}${style.bad('REFUSED')}: ${of} in ${n} way${n === 1 ? '' : 's'}`,
        `    closest admissible cut${s.outcomesExhaustive ? '' : ' found'}: ${cutText(s.closest.cut)}`,
        ...s.closest.differences.map((d) => `    - ${d.text}`),
        ...wrote,
      ];
    }
  }
}

/** Snapshots overlap as the script lets them: each is searched on its own, and the split is worth showing. */
const searchesText = (r: AdmitResult): string => {
  const every = r.searches.filter((s) => s.file === undefined);
  const alone = r.searches.filter((s) => s.file !== undefined);
  const parts = [
    ...(every.length < 2 ? [] : [`one search per snapshot: ${every.map((s) => `${s.snapshot}: ${int(s.states)}`).join(', ')}`]),
    ...(alone.length === 0 ? [] : [`then one per file for its cut alone: ${alone.map((s) => `${s.file}: ${int(s.states)}`).join(', ')}`]),
  ];
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
};

export function admitText(r: AdmitResult, style: Style, written: WitnessFiles = new Map()): string {
  const refused = r.snapshots.filter((s) => s.verdict === 'refused').length;
  const undecided = r.snapshots.filter((s) => s.verdict === 'undecided').length;
  const w = r.model.workload.name;
  const lines = [
    style.bold(`cutcheck admit: ${r.model.topology.n} servers, ${r.model.topology.channels.length} links, ${w}`),
    `  search: ${int(r.states)} states${searchesText(r)}, ${r.exhaustive ? 'every timing explored' : 'stopped at the state bound (--max-states): not every timing was explored'}, ${(r.elapsedMs / 1000).toFixed(2)} s`,
    ...r.snapshots.flatMap((s) => verdictLines(s, style, written)),
  ];
  const total = r.snapshots.length;
  const verdict =
    refused > 0
      ? style.bad(`verdict: REFUSED (${refused} of ${total} snapshot${total === 1 ? '' : 's'})`)
      : undecided > 0
        ? style.dim(`verdict: INCOMPLETE (${undecided} of ${total} undecided)`)
        : style.ok(`verdict: ADMITTED (${total === 1 ? 'the snapshot' : total === 2 ? 'both snapshots' : `all ${total} snapshots`})`);
  return [...lines, `  ${verdict}`].join('\n');
}

const cutJson = (c: ScenarioCut): Json => ({ tokens: { ...c.tokens }, channels: Object.fromEntries(Object.entries(c.channels).map(([l, m]) => [l, [...m]])) });

/** The witness of a verdict as JSON: the steps' texts, and the file it was written to if it was. */
const witnessJson = (steps: readonly { text: string }[], file: string | undefined): Json => ({ steps: steps.map((x) => x.text), ...(file === undefined ? {} : { file }) });

export function admitJson(r: AdmitResult, written: WitnessFiles = new Map()): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'admit',
    search: {
      states: r.states,
      exhaustive: r.exhaustive,
      snapshotsStarted: r.started,
      perSnapshot: r.searches.map((s) => ({
        snapshot: s.snapshot,
        ...(s.file === undefined ? {} : { file: s.file }),
        states: s.states,
        exhaustive: s.exhaustive,
        partialOrder: s.partialOrder,
      })),
    },
    snapshots: r.snapshots.map((s) => ({
      id: s.id,
      file: s.file,
      verdict: s.verdict,
      unique: s.unique,
      outcomes: s.outcomes,
      outcomesExhaustive: s.outcomesExhaustive,
      ...(s.witness === undefined ? {} : { witness: witnessJson(s.witness.steps, written.get(s.file)) }),
      ...(s.closest === undefined
        ? {}
        : { closest: { cut: cutJson(s.closest.cut), witness: witnessJson(s.closest.witness.steps, written.get(s.file)) }, differences: s.closest.differences.map((d) => ({ ...d })) }),
      ...(s.reason === undefined ? {} : { reason: s.reason }),
    })),
  };
}
