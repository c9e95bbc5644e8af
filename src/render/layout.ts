// Where everything in the space-time diagram goes: lanes and steps, each message's arrow, the cut, and the labels,
// placed so that none covers an arrow, a process line or another label. svg.ts draws what this decides.

import { polyline, textBox, textWidth, type Box, type Point, type Segment } from './boxes.ts';
import { Placer, besideArrow, besidePoint, type Label } from './placement.ts';
import { channelContents, type BlockedBand, type Timeline, type TimelineMessage } from './timeline.ts';

export const LEFT = 96;
export const TOP = 78;
export const DX = 68;
const LANE = 118;
/** Font sizes of the labels, as the SVG's style sheet sets them. */
export const SIZE = { message: 11, event: 11, record: 10.5, never: 13, blocked: 10.5, crash: 11 } as const;

/** A blocked input, drawn as a band on its receiver's line; bands that overlap in time stack up by `level`. */
export interface Band {
  readonly band: BlockedBand;
  readonly x1: number;
  readonly x2: number;
  /** The band's top edge and height. */
  readonly y: number;
  readonly h: number;
}

export interface Arrow {
  readonly message: TimelineMessage;
  readonly from: Point;
  readonly to: Point;
  /** The arrowhead's triangle, or null for a dropped message (drawn with a cross instead). */
  readonly head: readonly Point[] | null;
}

/** A cell of the S* table. */
export interface RecordedCell {
  readonly text: string;
  /** The cell holds (or should hold) the guilty message. */
  readonly guilty: boolean;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  x(step: number): number;
  y(process: number): number;
  /** Where the process lines end, right of the last step. */
  readonly lineEnd: number;
  /** Below the lowest label of the lanes. */
  readonly lanesBottom: number;
  readonly arrows: readonly Arrow[];
  readonly bands: readonly Band[];
  /** The recorded cut as a staircase through the recording points; empty if nobody recorded. */
  readonly cut: readonly Point[];
  readonly labels: readonly Label[];
  /** What labels keep clear of: every arrow with its head, and every process line. */
  readonly obstacles: readonly Segment[];
  readonly legendY: number;
  /** S*, one row per process: its state, then the channel from each sender into it (null where there is none). */
  readonly recorded: readonly (readonly (RecordedCell | null)[])[];
  /** x of each column of the S* table. */
  readonly columns: readonly number[];
}

const headOf = (from: Point, to: Point, size: number): Point[] => {
  const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const [dx, dy] = [(to.x - from.x) / len, (to.y - from.y) / len];
  const back = (k: number, side: number): Point => ({ x: to.x - dx * k * size + -dy * side * size, y: to.y - dy * k * size + dx * side * size });
  // The marker's path is M0,0 L10,5 L0,10 with its reference point at (9,5): the tip lies a tenth beyond the end.
  return [back(-0.1, 0), back(0.9, 0.5), back(0.9, -0.5)];
};

function arrowOf(t: Timeline, x: (i: number) => number, y: (p: number) => number, m: TimelineMessage): Arrow {
  const from = { x: x(m.sentAt), y: y(m.from) };
  const dropped = m.end === 'dropped' || m.end === 'crashed';
  // The guilty message is drawn all the way to its receiver, even when it is still in flight at the end.
  const to =
    m.endAt !== null
      ? { x: x(m.endAt), y: dropped ? from.y + (y(m.to) - from.y) * 0.5 : y(m.to) }
      : m.guilty
        ? { x: x(t.steps) + DX * 0.6, y: y(m.to) }
        : { x: x(t.steps) + DX * 0.9, y: from.y + (y(m.to) - from.y) * 0.5 };
  return { message: m, from, to, head: dropped ? null : headOf(from, to, m.guilty ? 13 : 10) };
}

function cutOf(t: Timeline, x: (i: number) => number, y: (p: number) => number): Point[] {
  if (t.cut.length === 0) return [];
  const pts = [...t.cut].sort((a, b) => a.process - b.process).map((r) => ({ x: x(r.step), y: y(r.process) }));
  const first = pts[0] as Point;
  const last = pts[pts.length - 1] as Point;
  // A staircase: straight down through each recording point, across half-way between lanes.
  const stairs: Point[] = [{ x: first.x, y: first.y - 36 }];
  pts.forEach((p, i) => {
    const next = pts[i + 1];
    if (next !== undefined) stairs.push({ x: p.x, y: (p.y + next.y) / 2 }, { x: next.x, y: (p.y + next.y) / 2 });
  });
  stairs.push({ x: last.x, y: last.y + 36 });
  return stairs;
}

export function layout(t: Timeline): Layout {
  const n = t.processes.length;
  const x = (i: number): number => LEFT + 34 + i * DX;
  const y = (p: number): number => TOP + 34 + p * LANE;
  const lineEnd = x(t.steps) + DX;
  const lanesBottom = y(n - 1) + 48;
  const arrows = t.messages.map((m) => arrowOf(t, x, y, m));
  const cut = cutOf(t, x, y);
  const bands = bandsOf(t, x, y);
  const lines = t.processes.map((_, p) => ({ x1: LEFT, y1: y(p), x2: lineEnd, y2: y(p) }));
  const obstacles = [...lines, ...arrows.flatMap((a) => [{ x1: a.from.x, y1: a.from.y, x2: a.to.x, y2: a.to.y }, ...(a.head === null ? [] : polyline([...a.head, a.head[0] as Point]))])];
  const dots: Box[] = [
    ...t.events.flatMap((e) => (e.process === null ? [] : [{ x: x(e.step) - 6, y: y(e.process) - 6, w: 12, h: 12 }])),
    ...t.records.map((r) => ({ x: x(r.step) - 8, y: y(r.process) - 8, w: 16, h: 16 })),
    ...arrows.filter((a) => a.head === null).map((a) => ({ x: a.to.x - 7, y: a.to.y - 7, w: 14, h: 14 })),
  ];
  const placer = new Placer(obstacles, dots, polyline(cut), { left: LEFT + 2, top: TOP, right: lineEnd, bottom: lanesBottom });
  if (t.cut.length > 0 && t.completedAt === null)
    for (let p = 0; p < n; p++)
      if (!t.cut.some((r) => r.process === p)) placer.fix({ kind: 'never', process: p }, 'never records', SIZE.never, true, x(t.steps) + 10, y(p) - 8);
  // A crash's label first, beside the top of its line (it says what the crash restores); then labels tied to a
  // point, since they have the fewest places to go; then the messages, the guilty one first.
  for (const e of t.events) {
    if (e.kind !== 'crash') continue;
    const text = crashLabel(e.restores);
    const w = textWidth(text, SIZE.crash, true);
    // Right of the line, then left of it, a row further down at each tier.
    const spots = [0, 1, 2].flatMap((tier) =>
      [x(e.step) + 6, x(e.step) - 6 - w].map((lx) => {
        const ly = TOP + 12 + tier * 14;
        return { x: lx, y: ly, box: textBox(text, lx, ly, SIZE.crash, true) };
      }),
    );
    placer.place({ kind: 'crash', step: e.step }, text, SIZE.crash, true, spots, { x: x(e.step), y: TOP + 8 });
  }
  t.records.forEach((r, index) => {
    const at = { x: x(r.step), y: y(r.process) };
    placer.place({ kind: 'record', index }, r.state, SIZE.record, false, besidePoint(at, r.state, SIZE.record, 'below'), at);
  });
  for (const e of t.events) {
    const text = eventLabel(e);
    if (e.process === null || text === '') continue;
    const at = { x: x(e.step), y: y(e.process) };
    placer.place({ kind: 'event', step: e.step }, text, SIZE.event, false, besidePoint(at, text, SIZE.event, 'above'), at);
  }
  // Each band says which input it blocks, beside its start.
  bands.forEach((b, index) => {
    const text = `${b.band.channel} blocked`;
    const at = { x: b.x1, y: y(b.band.process) };
    placer.place({ kind: 'blocked', index }, text, SIZE.blocked, false, besidePoint(at, text, SIZE.blocked, 'below'), at);
  });
  const guiltyFirst = arrows.filter((a) => a.message.kind === 'app').sort((a, b) => Number(b.message.guilty) - Number(a.message.guilty));
  for (const a of guiltyFirst) {
    const text = messageLabel(t, a.message);
    const middle = { x: (a.from.x + a.to.x) / 2, y: (a.from.y + a.to.y) / 2 };
    placer.place({ kind: 'message', id: a.message.id }, text, SIZE.message, a.message.guilty, besideArrow(a, text, SIZE.message, a.message.guilty), middle);
  }
  const labels = placer.labels;
  const legendY = lanesBottom + 16;
  const { rows, columns, width: tableWidth } = recordedTable(t);
  const heading = rows.length > 0 ? textWidth(RECORDED_TITLE, 12, true) + 32 : 0;
  const width = Math.ceil(Math.max(lineEnd + 24, ...labels.map((l) => l.box.x + l.box.w + 12), textWidth(t.title, 15, true) + 32, legendWidth(t), tableWidth, heading));
  const height = legendY + (rows.length > 0 ? 40 + rows.length * 17 : 16);
  return { width, height, x, y, lineEnd, lanesBottom, arrows, bands, cut, labels, obstacles, legendY, recorded: rows, columns };
}

const BAND = 9;

function bandsOf(t: Timeline, x: (i: number) => number, y: (p: number) => number): Band[] {
  const end = (b: BlockedBand): number => (b.to === null ? x(t.steps) + DX * 0.5 : x(b.to));
  const out: (Band & { level: number })[] = [];
  for (const b of t.blocked) {
    const [x1, x2] = [x(b.from), end(b)];
    // A band straddles its line; one that overlaps an earlier band on the same line goes above it, at the lowest free level.
    const taken = new Set(out.filter((o) => o.band.process === b.process && o.x1 < x2 && x1 < o.x2).map((o) => o.level));
    let level = 0;
    while (taken.has(level)) level++;
    out.push({ band: b, x1, x2, y: y(b.process) - BAND / 2 - level * (BAND + 2), h: BAND, level });
  }
  return out.map(({ level: _, ...band }) => band);
}

export const RECORDED_TITLE = "recorded global state S*: each process's state, then the channels into it";

/** "crash: checkpoint 1 restored", from what the step restores (a trace file from before it said so: just "crash"). */
export const crashLabel = (restores: number | null | undefined): string =>
  restores === undefined ? 'crash' : restores === null ? 'crash: restart from the beginning' : `crash: checkpoint ${restores + 1} restored`;

export const eventLabel = (e: Timeline['events'][number]): string => (e.kind === 'act' ? e.text.replace(/^[^:]*: /, '') : e.kind === 'initiate' ? 'initiates' : '');

export function messageLabel(t: Timeline, m: TimelineMessage): string {
  if (m.guilty && t.guilty !== null) return t.guilty.should;
  return `#${m.id} ${m.text}${m.endAt === null ? ' (in flight)' : m.end === 'dropped' ? ' (dropped)' : m.end === 'crashed' ? ' (lost in the crash)' : ''}`;
}

export type LegendKey = 'app' | 'marker' | 'faded' | 'guilty' | 'record' | 'cut' | 'crash' | 'blocked';

/** What the trace's control messages are called (`marker`, or the algorithm's own word, such as `barrier`). */
export const controlWord = (t: Timeline): string => t.messages.find((m) => m.kind === 'marker')?.text ?? 'marker';

/** The legend's entries, with the width each takes. */
export function legendItems(t: Timeline): { readonly key: LegendKey; readonly text: string; readonly w: number }[] {
  const items: { key: LegendKey; text: string }[] = [
    { key: 'app', text: 'application message' },
    { key: 'marker', text: controlWord(t) },
    ...(t.messages.some((m) => m.afterCut) ? [{ key: 'faded' as const, text: `${controlWord(t)} after the cut` }] : []),
    ...(t.guilty !== null ? [{ key: 'guilty' as const, text: 'guilty message' }] : []),
    { key: 'record', text: 'records its state' },
    { key: 'cut', text: 'recorded cut' },
    ...(t.events.some((e) => e.kind === 'crash') ? [{ key: 'crash' as const, text: 'crash and recovery' }] : []),
    ...(t.blocked.length > 0 ? [{ key: 'blocked' as const, text: 'input blocked (held back)' }] : []),
  ];
  return items.map((i) => ({ ...i, w: 34 + textWidth(i.text, 11.5) + 24 }));
}

const legendWidth = (t: Timeline): number => 16 + legendItems(t).reduce((s, i) => s + i.w, 0);

function recordedTable(t: Timeline): { rows: (RecordedCell | null)[][]; columns: number[]; width: number } {
  const s = t.recorded;
  if (s === null) return { rows: [], columns: [], width: 0 };
  const guilty = t.guilty === null ? undefined : t.messages.find((m) => m.id === t.guilty?.message);
  // One column per sender, so that a column reads as the channels out of one process.
  const senders = [...new Set(s.channels.map((c) => c.from))].sort((a, b) => a - b);
  const rows = s.processes.map((p) => {
    const orphan = guilty !== undefined && t.guilty?.kind === 'orphan' && guilty.to === p.process;
    const own: RecordedCell = { text: `${p.name}: ${p.state}${orphan ? ` — received ${guilty.text}, never sent` : ''}`, guilty: orphan };
    return [
      own,
      ...senders.map((from): RecordedCell | null => {
        const c = s.channels.find((x) => x.from === from && x.to === p.process);
        if (c === undefined) return null;
        const blamed = guilty !== undefined && t.guilty?.kind !== 'orphan' && guilty.from === c.from && guilty.to === c.to;
        const note = !blamed ? '' : t.guilty?.kind === 'lost' ? ` — misses ${guilty.text}` : ` — should not hold ${guilty.text}`;
        return { text: `${c.name}: ${channelContents(c.messages)}${note}`, guilty: blamed };
      }),
    ];
  });
  const columns: number[] = [16];
  for (let j = 0; j <= senders.length; j++) {
    const w = Math.max(...rows.map((r) => {
      const cell = r[j];
      return cell === undefined || cell === null ? 0 : textWidth(cell.text, 11.5, cell.guilty);
    }));
    columns.push((columns[j] as number) + w + 24);
  }
  return { rows, columns: columns.slice(0, -1), width: (columns[columns.length - 1] as number) - 8 };
}
