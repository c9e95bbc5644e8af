// `cutcheck admit --log`'s outputs: the text report and the --json object (docs/schema/admit-log.schema.json), from
// the log's replay as data.

import type { AdmitLogResult, LogSnapshotVerdict } from '../admit/log.ts';
import { cutText, type WitnessFiles } from './admit.ts';
import type { Style } from './text.ts';
import { SCHEMA_VERSION } from './json.ts';

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The key of a verdict's witness among the files written: its recorded snapshot, or the snapshot id when none was given. */
export const logWitnessKey = (s: LogSnapshotVerdict): string => s.file ?? `snapshot ${s.id}`;

function verdictLines(s: LogSnapshotVerdict, style: Style, written: WitnessFiles): string[] {
  const head = `  snapshot ${s.id}${s.file === null ? '' : ` (${s.file})`}: `;
  const file = written.get(logWitnessKey(s));
  const wrote = file === undefined ? [] : [style.dim(`    wrote ${file} (cutcheck replay ${file}; cutcheck render ${file})`)];
  const cut = s.cut === undefined ? [] : [`    the cut along the log's run${s.completedAt === undefined ? '' : ` (completed on line ${s.completedAt})`}: ${cutText(s.cut)}`];
  if (s.verdict === 'admitted')
    return [
      `${head}${style.ok('ADMITTED')}: ${s.file === null ? "no recorded snapshot was given for it: its record lines agree with the model, and it completes" : "it is exactly the cut the model records along the log's run"}`,
      ...cut,
      ...wrote,
    ];
  if (s.differences === undefined) return [`${head}${style.bad('REFUSED')}: ${s.reason ?? ''}`, ...wrote];
  const n = s.differences.length;
  return [`${head}${style.bad('REFUSED')}: it differs from the cut the model records along the log's run in ${plural(n, 'way')}`, ...cut, ...s.differences.map((d) => `    - ${d.text}`), ...wrote];
}

export function admitLogText(r: AdmitLogResult, logFile: string, style: Style, written: WitnessFiles = new Map()): string {
  const starts = r.starts.map((s) => `${s.id} by ${s.server} on line ${s.line}`);
  const lines = [
    style.bold(`cutcheck admit --log ${logFile}: ${r.model.topology.n} servers, ${r.model.topology.channels.length} links, ${r.model.network?.discipline ?? 'fifo'}`),
    `  ${plural(r.events, 'event')}, ${r.starts.length === 0 ? 'no snapshot started' : `${plural(r.starts.length, 'snapshot')} started (${starts.join('; ')})`}, replayed in ${(r.elapsedMs / 1000).toFixed(2)} s`,
  ];
  const m = r.misfit;
  if (m !== undefined) {
    return [
      ...lines,
      `  ${style.bad('REFUSED')}: the log does not fit the model ${m.event === undefined ? `at its end (line ${m.line})` : `at line ${m.line}`}${m.snapshot === undefined ? '' : `, following snapshot ${m.snapshot}`}`,
      ...(m.event === undefined ? [] : [`    ${m.event}`]),
      `    ${m.reason}`,
      m.couldHave.length === 0 ? '    nothing else could have happened there' : '    what could have happened there instead:',
      ...m.couldHave.map((c) => `    - ${c}`),
      `  ${style.bad('verdict: REFUSED (the log)')}`,
    ].join('\n');
  }
  const refused = r.snapshots.filter((s) => s.verdict === 'refused').length;
  const total = r.snapshots.length;
  return [
    ...lines,
    '  every event of the log can happen, in its order',
    ...r.snapshots.flatMap((s) => verdictLines(s, style, written)),
    `  ${refused > 0 ? style.bad(`verdict: REFUSED (${refused} of ${plural(total, 'snapshot')})`) : style.ok(`verdict: ADMITTED (${total === 0 ? 'the log; it records no snapshot' : total === 1 ? 'the snapshot' : total === 2 ? 'both snapshots' : `all ${total} snapshots`})`)}`,
  ].join('\n');
}

export function admitLogJson(r: AdmitLogResult, logFile: string, written: WitnessFiles = new Map()): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'admit-log',
    log: logFile,
    events: r.events,
    starts: r.starts.map((s) => ({ snapshot: s.id, server: s.server, line: s.line })),
    fits: r.misfit === undefined,
    ...(r.misfit === undefined ? {} : { misfit: { ...r.misfit, couldHave: [...r.misfit.couldHave] } }),
    snapshots: r.snapshots.map((s) => {
      const file = written.get(logWitnessKey(s));
      return {
        id: s.id,
        file: s.file,
        verdict: s.verdict,
        ...(s.completedAt === undefined ? {} : { completedAt: s.completedAt }),
        ...(s.cut === undefined ? {} : { cut: { tokens: { ...s.cut.tokens }, channels: Object.fromEntries(Object.entries(s.cut.channels).map(([l, m]) => [l, [...m]])) } }),
        ...(s.run === undefined ? {} : { run: { steps: s.run.codes.length, ...(file === undefined ? {} : { file }) } }),
        ...(s.differences === undefined ? {} : { differences: s.differences.map((d) => ({ ...d })) }),
        ...(s.reason === undefined ? {} : { reason: s.reason }),
      };
    }),
  };
}
