// One thread's loop over the work units of a level, the same on the main thread and in the workers, with what
// goes around it: flushing counts to the shared set, stopping, and parking while the main thread grows the set.

import type { Expansion } from './expand.ts';
import type { FingerprintSet } from './fpset.ts';
import { ByteStream } from './memory.ts';
import { ACTIVE, CTL, HELD, HOLDING, PARKED, UNIT, type SharedHandles } from './shared.ts';

/** States expanded between checks of the clock, stop flags and the set's load. */
export const CHUNK = 1024;

export class Runner {
  private readonly outs: readonly [ByteStream, ByteStream];
  readonly events: ByteStream;

  constructor(
    readonly thread: number,
    readonly threads: number,
    readonly h: SharedHandles,
    readonly exp: Expansion,
    readonly set: FingerprintSet,
    readonly maxStates: number,
  ) {
    const f = h.frontier[thread] as readonly [ArrayBuffer | SharedArrayBuffer, ArrayBuffer | SharedArrayBuffer];
    this.outs = [new ByteStream(f[0]), new ByteStream(f[1])];
    this.events = new ByteStream(h.events[thread] as ArrayBuffer | SharedArrayBuffer);
    exp.budget = 0;
    exp.overBudget = () => this.claim();
  }

  /** The stream this thread writes the next level into, given this level's parity. */
  output(parity: number): ByteStream {
    return this.outs[1 - parity] as ByteStream;
  }

  /**
   * Called at the start of each unit, before it is claimed: where every unit this thread claimed is done (the main
   * thread takes checkpoints there; a worker holds there while it does).
   */
  atUnit: (() => void) | null = null;
  /** States of the next level found before a checkpoint, to lead this thread's output of the level (see Expansion.adopt). */
  carry: { readonly bytes: Uint8Array; readonly counts: readonly number[]; readonly lengths: readonly number[] } | null = null;

  /** Expands units of the current level until none is left or the search stops; `between` runs after each chunk. */
  runLevel(between: () => void): void {
    const { ctl } = this.h;
    const exp = this.exp;
    const parity = ctl[CTL.PARITY] as number;
    const depth = ctl[CTL.DEPTH] as number;
    const m = ctl[CTL.UNITS] as number;
    exp.beginLevel(this.output(parity));
    if (this.carry !== null) exp.adopt(this.carry);
    this.carry = null;
    exp.stopped = false;
    this.flush();
    const units = new Int32Array(this.h.units, 0, m * UNIT);
    for (;;) {
      between();
      this.atUnit?.();
      if (Atomics.load(ctl, CTL.STOP) !== 0) break;
      const u = Atomics.add(ctl, CTL.NEXT, 1);
      if (u >= m) break;
      const src = this.h.frontier[units[u * UNIT] as number]?.[parity];
      if (src === undefined) throw new Error('internal: a work unit names no stream');
      const bytes = new Uint8Array(src, 0, src.byteLength);
      const count = units[u * UNIT + 2] as number;
      const first = units[u * UNIT + 3] as number;
      let at = units[u * UNIT + 1] as number;
      exp.beginUnit(u);
      exp.beginInput();
      for (let done = 0; done < count && !exp.stopped; done += CHUNK) {
        if (done > 0) between();
        at = exp.expandRecords(bytes, at, Math.min(CHUNK, count - done), first + done, depth);
        this.flush();
      }
      exp.endUnit();
      if (exp.stopped) {
        if (exp.truncated) Atomics.store(ctl, CTL.TRUNCATED, 1);
        Atomics.store(ctl, CTL.STOP, 1);
        break;
      }
    }
  }

  /**
   * Adds this thread's new states to the set's count and gives back what it claimed of the state bound and did not
   * use, so that claims are held only within a chunk (and an idle thread holds none).
   */
  flush(): void {
    const { ctl } = this.h;
    this.set.added(this.exp.fresh);
    const unused = this.exp.budget - this.exp.fresh;
    // Give back before saying so: a thread that sees this one hold nothing then also sees what it gave back.
    if (unused > 0) Atomics.sub(ctl, CTL.RESERVED, unused);
    if (this.threads > 1) Atomics.store(ctl, HOLDING(this.threads) + this.thread, 0);
    this.exp.budget = 0;
    this.exp.fresh = 0;
  }

  /**
   * Claims more of the state bound once this thread has stored all it claimed; true when there is none left, so
   * the state just found lies beyond the bound. Claims are small blocks (a quarter of an equal share of what is
   * left, at most 1,024), so the threads never store more than the bound together (but for the one state each
   * that finds it full), and near the bound what they hold unused is a state or so each.
   *
   * A thread refused while another may still hold claims it has not used waits for that one to use them or give
   * them back (at its next chunk's end at the latest) before it calls the bound reached; otherwise the search would
   * stop short of a bound it does not reach. It is refused for good only when, from before it looked at the others
   * to after its last try, nobody held anything unused and nobody was granted anything.
   */
  claim(): boolean {
    if (this.take()) return false;
    if (this.threads === 1) return true;
    const { ctl } = this.h;
    const holding = HOLDING(this.threads);
    Atomics.store(ctl, holding + this.thread, 0);
    for (;;) {
      const grants = Atomics.load(ctl, CTL.GRANTS);
      let others = false;
      for (let t = 0; t < this.threads && !others; t++) if (t !== this.thread && Atomics.load(ctl, holding + t) !== 0) others = true;
      if (this.take()) return false;
      // The one grant counted since is this thread's own try.
      if (!others && Atomics.load(ctl, CTL.GRANTS) === grants + 1) return true;
      if (Atomics.load(ctl, CTL.STOP) !== 0) {
        // The search stops for another reason; this state stays, one past the bound at most.
        this.exp.stopped = true;
        return false;
      }
      // Whoever holds claims may be waiting for the visited set to grow.
      if (this.thread === 0) {
        if (Atomics.load(ctl, CTL.GROW) !== 0) this.growWhenParked();
      } else this.parkIfGrowing();
      Atomics.wait(ctl, CTL.GRANTS, Atomics.load(ctl, CTL.GRANTS), 1);
    }
  }

  /** One try at claiming a block of the state bound; true when this thread may store the state it just found. */
  private take(): boolean {
    const { ctl } = this.h;
    // Counted before the claim, so that a thread that sees the count unchanged has seen every claim made since.
    Atomics.add(ctl, CTL.GRANTS, 1);
    const left = this.maxStates - Atomics.load(ctl, CTL.RESERVED);
    const block = Math.max(1, Math.min(1024, Math.floor(left / (4 * this.threads))));
    const before = Atomics.add(ctl, CTL.RESERVED, block);
    const granted = Math.max(0, Math.min(block, this.maxStates - before));
    // What lies beyond the bound is not kept, or it would count against claims given back later.
    if (granted < block) Atomics.sub(ctl, CTL.RESERVED, block - granted);
    if (granted === 0) return false;
    this.exp.budget += granted;
    if (this.threads > 1) Atomics.store(ctl, HOLDING(this.threads) + this.thread, 1);
    return this.exp.fresh <= this.exp.budget;
  }

  /** Publishes this thread's events to the main thread (a worker calls this after each chunk). */
  publishEvents(): void {
    Atomics.store(this.h.ctl, CTL.EVENTS + this.thread, this.events.length);
  }

  /** Asks the main thread to grow the set. */
  requestGrowth(): void {
    const { ctl } = this.h;
    Atomics.store(ctl, CTL.GROW, 1);
    Atomics.add(ctl, CTL.SIGNAL, 1);
    Atomics.notify(ctl, CTL.SIGNAL);
  }

  /** A worker waits out a pending growth of the set, if any. */
  parkIfGrowing(): void {
    const { ctl } = this.h;
    const mine = PARKED(this.threads) + this.thread;
    for (;;) {
      const epoch = Atomics.load(ctl, CTL.EPOCH);
      if (Atomics.load(ctl, CTL.GROW) === 0) return;
      Atomics.store(ctl, mine, epoch + 1);
      if (Atomics.load(ctl, CTL.EPOCH) !== epoch) {
        Atomics.store(ctl, mine, 0);
        continue;
      }
      Atomics.add(ctl, CTL.SIGNAL, 1);
      Atomics.notify(ctl, CTL.SIGNAL);
      while (Atomics.load(ctl, CTL.EPOCH) === epoch) Atomics.wait(ctl, CTL.EPOCH, epoch, 100);
      Atomics.store(ctl, mine, 0);
      this.set.refresh();
    }
  }

  /** The main thread asks the others to park, and grows the set once every thread still on the level has. */
  growWhenParked(): void {
    const { ctl } = this.h;
    Atomics.store(ctl, CTL.GROW, 1);
    const epoch = Atomics.load(ctl, CTL.EPOCH);
    for (;;) {
      const signal = Atomics.load(ctl, CTL.SIGNAL);
      let ready = true;
      // A worker held for a checkpoint (see WorkerPool.hold) waits at a unit's start, away from the set, as a parked one.
      const pause = Atomics.load(ctl, CTL.PAUSE);
      for (let t = 1; t < this.threads; t++)
        if (
          Atomics.load(ctl, ACTIVE(this.threads) + t) === 1 &&
          Atomics.load(ctl, PARKED(this.threads) + t) !== epoch + 1 &&
          (pause === 0 || Atomics.load(ctl, HELD(this.threads) + t) !== pause)
        )
          ready = false;
      if (ready) break;
      Atomics.wait(ctl, CTL.SIGNAL, signal, 50);
    }
    this.set.grow();
    Atomics.store(ctl, CTL.GROW, 0);
    Atomics.store(ctl, CTL.EPOCH, epoch + 1);
    Atomics.notify(ctl, CTL.EPOCH);
  }
}
