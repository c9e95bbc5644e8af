// The compact search's answer to "how did we get here": the visited set plus the trail, and `pathTo`, which
// rebuilds step codes by re-running the (possibly reduced) expansion along the trail's ordinals, as TLC does.

import type { Expander, Symmetry } from './expander.ts';
import { VIRTUAL } from './events.ts';
import type { FingerprintSet } from './fpset.ts';
import type { Trail } from './trail.ts';

/** What a finished search offers for rebuilding counterexamples. */
export interface VisitedStates {
  /** States stored. */
  readonly size: number;
  /** Step codes from the initial state to state `id`. */
  pathTo(id: number): number[];
  /** Bytes held by the visited set and whatever rebuilds paths. */
  bytes(): number;
}

export class TrailStore implements VisitedStates {
  constructor(
    private readonly expander: Expander,
    private readonly symmetry: Symmetry | null,
    private readonly set: FingerprintSet,
    readonly trail: Trail,
    /** States stored (one per orbit under symmetry). */
    readonly size: number,
    /** Bytes kept besides: the fingerprints of events already handed over. */
    private readonly extra = 0,
  ) {}

  /** A sample of the visited set's fingerprints (see FingerprintSet.sample). */
  sample(mask: number): string[] {
    return this.set.sample(mask);
  }

  /** Bytes of the visited set, the trail and the event fingerprints (the frontier is transient and not counted). */
  bytes(): number {
    return this.set.bytes() + this.trail.bytes() + this.extra;
  }

  /**
   * Step codes from the initial state to state `id`. A virtual id (id + (g + 1)·2^32, handed to observers for an
   * image under symmetry element g) gives the image of that path, which is an execution too.
   */
  pathTo(id: number): number[] {
    const g = Math.floor(id / VIRTUAL) - 1;
    const real = id % VIRTUAL;
    const w = this.expander.width;
    let cur: Int32Array = new Int32Array(w);
    this.expander.initial(cur);
    const scratch = new Int32Array(w);
    const codes: number[] = [];
    for (const ordinal of this.trail.ordinalsTo(real)) {
      let k = 0;
      let taken: { vec: Int32Array; code: number; event: number } | null = null;
      this.expander.expand(cur, scratch, (vec, code, event) => {
        if (k++ === ordinal) taken = { vec: vec.slice(), code, event };
      });
      const step = taken as { vec: Int32Array; code: number; event: number } | null;
      if (step === null) throw new Error(`internal: the trail to state ${real} does not replay`);
      codes.push(g >= 0 && this.symmetry !== null ? this.symmetry.imageCode(g, step.code, cur) : step.code);
      if (step.event !== 0) this.expander.settle(step.vec);
      cur = step.vec;
    }
    return codes;
  }
}
