// Plane geometry for laying out a diagram: text extents estimated from DejaVu Sans's advance widths (the font the
// pictures ask for first), boxes, segments, and whether they touch.

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Ascent and descent of DejaVu Sans, in ems, rounded up: the box a browser reports for a line of text. */
export const ASCENT = 0.95;
export const DESCENT = 0.26;

const NARROW = new Set("il.,:;'!|IJ");
const SLIM = new Set(' ftr()[]-/\\*"');
const WIDE = new Set('#+<=>^~→✗');
const WIDEST = new Set('mwMW@%—…');

/** An advance width in ems, rounded up from DejaVu Sans's so that an estimate is never short. */
function advance(c: string): number {
  if (NARROW.has(c)) return 0.32;
  if (SLIM.has(c)) return 0.42;
  if (WIDE.has(c)) return 0.84;
  if (WIDEST.has(c)) return 1;
  if (c >= 'A' && c <= 'Z') return 0.79;
  return 0.64;
}

/** The width of a line of text at `size` px; bold DejaVu Sans is about 13% wider. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) em += advance(c);
  return em * size * (bold ? 1.14 : 1);
}

/** The box of a line of text whose baseline starts at x, y. */
export const textBox = (text: string, x: number, y: number, size: number, bold = false): Box => ({
  x,
  y: y - ASCENT * size,
  w: textWidth(text, size, bold),
  h: (ASCENT + DESCENT) * size,
});

export const grow = (b: Box, by: number): Box => ({ x: b.x - by, y: b.y - by, w: b.w + 2 * by, h: b.h + 2 * by });

export const boxesOverlap = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Whether any part of the segment lies inside the box (Liang-Barsky clipping). */
export function segmentHitsBox(s: Segment, b: Box): boolean {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  let t0 = 0;
  let t1 = 1;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0;
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    return t0 <= t1;
  };
  return clip(-dx, s.x1 - b.x) && clip(dx, b.x + b.w - s.x1) && clip(-dy, s.y1 - b.y) && clip(dy, b.y + b.h - s.y1);
}

/** The segments joining consecutive points of a polyline. */
export const polyline = (pts: readonly Point[]): Segment[] =>
  pts.slice(1).map((p, i) => ({ x1: (pts[i] as Point).x, y1: (pts[i] as Point).y, x2: p.x, y2: p.y }));
