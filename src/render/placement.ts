// Placing the diagram's labels: the spots each may take beside its point or its arrow, and a placer that puts each
// label at the best spot that covers no arrow, process line, dot or earlier label (the pictures' tests check this).

import { ASCENT, DESCENT, boxesOverlap, grow, segmentHitsBox, textBox, textWidth, type Box, type Point, type Segment } from './boxes.ts';

export type LabelOwner =
  | { readonly kind: 'message'; readonly id: number }
  | { readonly kind: 'event'; readonly step: number }
  | { readonly kind: 'record'; readonly index: number }
  | { readonly kind: 'never'; readonly process: number }
  | { readonly kind: 'blocked'; readonly index: number }
  | { readonly kind: 'crash'; readonly step: number };

export interface Label {
  readonly owner: LabelOwner;
  readonly text: string;
  /** Where the text's baseline starts. */
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly bold: boolean;
  readonly box: Box;
}

/** Where a label may go. */
export type Spot = Pick<Label, 'x' | 'y' | 'box'>;

/** Where a box may go along a line through p: right of p first, then left, then straddling it (further in each). */
const SHIFTS = [0, 1, 0.5, 0.25, 0.75];

/** A line of text whose box lies `gap` from p horizontally (shifted left by a share of its width) and vertically. */
function spot(text: string, size: number, bold: boolean, p: Point, shift: number, gapX: number, top: number): Spot {
  const w = textWidth(text, size, bold);
  const x = p.x + gapX - shift * (w + 2 * gapX);
  const y = top + ASCENT * size;
  return { x, y, box: textBox(text, x, y, size, bold) };
}

/** Beside a point on a process line: around it, a line further out at each tier. */
export function besidePoint(p: Point, text: string, size: number, prefer: 'above' | 'below'): Spot[] {
  const h = (ASCENT + DESCENT) * size;
  const out: Spot[] = [];
  for (let tier = 0; tier < 3; tier++)
    for (const shift of SHIFTS)
      for (const v of prefer === 'above' ? [-1, 1] : [1, -1]) out.push(spot(text, size, false, p, shift, 9, v < 0 ? p.y - 4 - h - tier * (h + 2) : p.y + 4 + tier * (h + 2)));
  return out;
}

/** Beside an arrow: around some point along it, the middle first, and a line further out at each tier. */
export function besideArrow(a: { readonly from: Point; readonly to: Point }, text: string, size: number, bold: boolean): Spot[] {
  const h = (ASCENT + DESCENT) * size;
  const out: Spot[] = [];
  for (let tier = 0; tier < 3; tier++)
    for (const u of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88]) {
      const p = { x: a.from.x + (a.to.x - a.from.x) * u, y: a.from.y + (a.to.y - a.from.y) * u };
      for (const shift of SHIFTS)
        for (const v of [-1, 1]) out.push(spot(text, size, bold, p, shift, 3, v < 0 ? p.y - 3 - h - tier * (h + 2) : p.y + 3 + tier * (h + 2)));
    }
  return out;
}

/** What a spot that covers something costs, at the least: more than any spot that covers nothing. */
const HARD = 1e6;

/** Places labels one by one, each where it covers nothing drawn so far: obstacles, dots, bounds, earlier labels. */
export class Placer {
  readonly labels: Label[] = [];

  constructor(
    private readonly obstacles: readonly Segment[],
    private readonly dots: readonly Box[],
    /** The cut line: best kept clear of, but not at any price. */
    private readonly soft: readonly Segment[],
    private readonly bounds: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number },
  ) {}

  /** A label whose place is given. */
  fix(owner: LabelOwner, text: string, size: number, bold: boolean, x: number, y: number): void {
    this.labels.push({ owner, text, size, bold, x, y, box: textBox(text, x, y, size, bold) });
  }

  /** At the first free spot of `spots`; failing that, at the free place nearest to `near` anywhere among the lanes. */
  place(owner: LabelOwner, text: string, size: number, bold: boolean, spots: readonly Spot[], near: Point): void {
    let best = this.cheapest(spots, (_, i) => i);
    if (best.cost >= HARD) {
      const far = this.cheapest(this.anywhere(text, size, bold), (s) => Math.hypot(s.box.x + s.box.w / 2 - near.x, s.box.y + s.box.h / 2 - near.y));
      if (far.cost < best.cost) best = far;
    }
    if (best.spot !== undefined) this.labels.push({ owner, text, size, bold, ...best.spot });
  }

  /** Anything covered counts heavily, then the cut line, then the spot's rank (how far down the list, or away). */
  private cost(b: Box, rank: number): number {
    const g = grow(b, 2);
    const { left, top, bottom } = this.bounds;
    const hard =
      this.obstacles.filter((s) => segmentHitsBox(s, g)).length +
      this.dots.filter((d) => boxesOverlap(d, g)).length +
      this.labels.filter((l) => boxesOverlap(l.box, g)).length +
      (b.x < left || b.y < top || b.y + b.h > bottom ? 1 : 0);
    // The cut line is drawn 3px wide: keep a little further from it.
    const near = grow(b, 4);
    return hard * HARD + this.soft.filter((s) => segmentHitsBox(s, near)).length * 1e4 + rank;
  }

  private cheapest(spots: readonly Spot[], rank: (s: Spot, i: number) => number): { spot: Spot | undefined; cost: number } {
    let best: { spot: Spot | undefined; cost: number } = { spot: undefined, cost: Infinity };
    spots.forEach((s, i) => {
      const c = this.cost(s.box, rank(s, i));
      if (c < best.cost) best = { spot: s, cost: c };
    });
    return best;
  }

  /** Every place among the lanes, on a grid of 8 by 4 px. */
  private anywhere(text: string, size: number, bold: boolean): Spot[] {
    const out: Spot[] = [];
    const h = (ASCENT + DESCENT) * size;
    for (let top = this.bounds.top; top + h <= this.bounds.bottom; top += 4)
      for (let x = this.bounds.left; x <= this.bounds.right; x += 8) out.push({ x, y: top + ASCENT * size, box: textBox(text, x, top + ASCENT * size, size, bold) });
    return out;
  }
}
