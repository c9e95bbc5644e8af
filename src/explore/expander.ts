// The contract between the compact search and what it explores: a transition system whose expansion may be
// reduced (partial-order reduction emits a subset of the successors), plus optional symmetry (position maps).

export type Emit = (vec: Int32Array, code: number, event: number) => void;

/** A transition system, followed in full. */
export interface Explorable {
  readonly width: number;
  initial(out: Int32Array): void;
  successors(cur: Int32Array, next: Int32Array, emit: Emit): void;
  /** Canonicalises a successor that raised an event, after observers have seen it. */
  settle(vec: Int32Array): void;
}

export interface Expander {
  readonly width: number;
  initial(out: Int32Array): void;
  /** Emits the successors the search must follow from `cur` (all of them, or a sound subset); `scratch` is work space. */
  expand(cur: Int32Array, scratch: Int32Array, emit: Emit): void;
  /** Canonicalises a successor that raised an event, after observers have seen it. */
  settle(vec: Int32Array): void;
}

/**
 * Process symmetry of the explored system: permutations of vector positions that map the transition relation onto
 * itself. The search stores one state per orbit; observers see every image of each event.
 */
export interface Symmetry {
  /** One position map per non-identity group element: the word at position i of x is at maps[g][i] of g(x). */
  readonly maps: readonly Int32Array[];
  /** The code of the step g(cur) → g(next), given the step cur → next had `code`. */
  imageCode(g: number, code: number, cur: Int32Array): number;
}

/** Applies position map `map` to `vec`, into `out`. */
export function permute(vec: Int32Array, map: Int32Array, out: Int32Array): void {
  for (let i = 0; i < map.length; i++) out[map[i] as number] = vec[i] as number;
}

/** An Explorable followed in full. */
export function fullExpander(sys: Explorable): Expander {
  return {
    width: sys.width,
    initial: (out) => sys.initial(out),
    expand: (cur, scratch, emit) => sys.successors(cur, scratch, emit),
    settle: (vec) => sys.settle(vec),
  };
}
