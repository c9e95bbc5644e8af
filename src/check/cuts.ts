// The recorded cuts as data: each distinct (snapshot, projected cut) the search records, with how it was recorded
// (consistent? reachable?) and the first run found that records it. The search hands over completions; the
// entries, with their witnesses, are made after it, when its store can rebuild paths.

import type { AppView } from '../model/types.ts';
import { FP, fingerprint } from '../explore/fingerprint.ts';
import { FingerprintIndex } from '../explore/fpindex.ts';
import type { VisitedStates } from '../explore/paths.ts';
import { replayCodes } from '../system/replay.ts';
import type { ProductSystem } from '../system/system.ts';
import type { RecordedCut, Trace } from './result.ts';
import { buildTrace } from './trace.ts';
import { Viewer } from './view.ts';

export class CutCollector {
  private readonly index = new FingerprintIndex(1024);
  /** The key of a completion: its snapshot, the projected recorded local ids, then each recorded channel (len + cap words). */
  private readonly key: Int32Array;
  // Per entry, by id: where its first recording was completed, and how every recording of it went.
  private readonly parents: number[] = [];
  private readonly codes: number[] = [];
  private readonly depths: number[] = [];
  private readonly snapshots: number[] = [];
  /** Per entry, its key (see `key`): what it records, read back without replaying its run. */
  private readonly keys: Int32Array[] = [];
  /** Entries some recording of which was inconsistent, or not in R. */
  private readonly inconsistent = new Set<number>();
  private readonly unreachable = new Set<number>();
  /** Made with the first witness, and kept for the others. */
  private viewer: Viewer | null = null;

  constructor(private readonly sys: ProductSystem) {
    this.key = new Int32Array(1 + sys.n + sys.channelCount * sys.layout.slot);
  }

  get size(): number {
    return this.index.size;
  }

  /** A completed snapshot in `vec` (before settle), reached by step `code` from stored state `parent`. */
  add(vec: Int32Array, parent: number, code: number, depth: number, inconsistent: boolean, reachable: boolean): void {
    const { sys, key } = this;
    const L = sys.layout;
    key.fill(0);
    key[0] = sys.snapshotId(vec);
    // Stryker disable next-line EqualityOperator: (`<=`) the extra slot is channel 0's length, which the next loop writes
    for (let p = 0; p < sys.n; p++) key[1 + p] = sys.table.recordedId(p, vec[L.rec + p] as number);
    // Stryker disable next-line EqualityOperator: (`<=`) the extra channel's words start at the key's end, where set writes nothing
    for (let c = 0; c < sys.channelCount; c++) {
      const src = L.recordedQueue(c);
      const len = vec[src] as number;
      key.set(vec.subarray(src, src + 1 + len), 1 + sys.n + c * L.slot);
    }
    fingerprint(key, 0, key.length);
    const fresh = this.index.insert(FP.hi, FP.lo);
    const id = fresh >= 0 ? fresh : -fresh - 1;
    if (fresh >= 0) {
      this.parents.push(parent);
      this.codes.push(code);
      this.depths.push(depth);
      this.snapshots.push(key[0] as number);
      this.keys.push(key.slice());
    }
    if (inconsistent) this.inconsistent.add(id);
    if (!reachable) this.unreachable.add(id);
  }

  /**
   * Each entry with its witness, by snapshot, then by the length of its witness, then by fingerprint (an order
   * that does not depend on how many threads searched), made one at a time.
   */
  *entries(store: VisitedStates): Generator<RecordedCut> {
    for (const { entry, ...rest } of this.runs()) yield { ...rest, witness: this.witness(this.codesOf(store, entry)) };
  }

  /**
   * The entries in the same order, each without its witness: `entry` names it for `codesOf` (finding a run's path
   * is the costly part, and most callers want few of them).
   */
  *runs(): Generator<Omit<RecordedCut, 'witness'> & { readonly entry: number }> {
    const order = Array.from({ length: this.size }, (_, i) => i).sort(
      (a, b) => (this.snapshots[a] as number) - (this.snapshots[b] as number) || (this.depths[a] as number) - (this.depths[b] as number) || this.index.compare(a, b),
    );
    for (const id of order)
      yield {
        snapshot: this.snapshots[id] as number,
        cut: this.view(this.keys[id] as Int32Array),
        consistent: !this.inconsistent.has(id),
        reachable: !this.unreachable.has(id),
        entry: id,
      };
  }

  /** The step codes of the first run found that records entry `entry`. */
  codesOf(store: VisitedStates, entry: number): number[] {
    return [...store.pathTo(this.parents[entry] as number), this.codes[entry] as number];
  }

  /** The run of step codes `codes` (from `codesOf`) as a trace. */
  witness(codes: readonly number[]): Trace {
    const replay = replayCodes(this.sys, codes);
    // Stryker disable next-line ConditionalExpression,StringLiteral: the codes came from this system's search; a failure is an engine bug
    if (!replay.ok) throw new Error(`internal: a recorded cut's witness does not replay: ${replay.error.message}`);
    this.viewer ??= new Viewer(this.sys);
    return buildTrace(this.viewer, codes, replay.value);
  }

  /** The cut a key holds, as the implementation records it: projected local states, recorded messages. */
  private view(key: Int32Array): AppView<unknown, unknown> {
    const { sys } = this;
    const { topology } = sys.model;
    const slot = sys.layout.slot;
    return {
      n: topology.n,
      locals: Array.from({ length: topology.n }, (_, p) => sys.table.recordings.values[key[1 + p] as number]),
      channels: topology.channels.map((c, i) => {
        const at = 1 + sys.n + i * slot;
        return { from: c.from, to: c.to, messages: Array.from(key.subarray(at + 1, at + 1 + (key[at] as number)), (w) => sys.table.payloads.values[w - 1]) };
      }),
    };
  }
}
