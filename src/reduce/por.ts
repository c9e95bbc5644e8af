// Partial-order reduction for Chandy-Lamport: steps of different processes commute exactly (same vector either
// way), so from each state it suffices to follow the steps of a set T of processes that nobody outside T can
// disturb before T moves (a persistent set), provided T holds a process whose snapshot work is still pending.
//
// Why every fact and verdict survives (one snapshot, no faults, plain Chandy-Lamport). Take any execution ρ from a
// state s that ends where a snapshot completes. Some process of T still has to record or receive a marker, so ρ
// contains a step of T; let a be the first. Steps before a are outside T, so they cannot enable or disable T's
// steps (no one else removes from T's in-channels, and T's empty FIFO or unordered in-channels have silent
// senders), and a commutes with each of them. If a is not the completing step, a·(ρ without a) reaches the same
// completion with the same length and the same state, and induction goes on from a(s). If a completes the
// snapshot, moving it first makes the snapshot complete earlier, at the last snapshot step of the others; what is
// cut off are steps of processes already done with the snapshot, which change neither the cut nor its consistency
// (a pre message they would have received late stays in flight and is lost either way), make the execution
// shorter, and only extend S_final by application steps, so a `reachable` or `stable` failure of the longer run
// shows on the shorter one too. Dead ends are kept as usual: T holds an enabled step only T can disable.
// Hence the cuts, their consistency, the shortest inconsistent depth and every verdict are those of the full search.
//
// A scripted workload (one snapshot, or one followed alone: proofs/overlapping-snapshots.md) ties its processes
// together through its order, so its own `ahead` says what each process may still do: whom it may still send to
// (standing in for R's may-send masks), whom its receives may send to (`reactsTo`), and the turn of its next action.
// The argument above needs one more thing, that no step outside T enables a step of T by moving the order on. Only
// the holder of the current turn moves it, so every set holds the holder; then no process outside T takes an
// action before T moves, and sends only as its receives do. And while nothing is recorded, with no initiator and
// no `after` handler, the first marker can only follow a placed start, which waits for its turn: no marker can
// reach T before T moves. `ahead` is checked on every step from every state expanded (see `check`), and intern.ts
// refuses a workload with `ahead` whose actions mix turns and no turns, so "every action has a turn" holds wherever
// one does.

import { FIFO, disciplineCode } from '../network/channels.ts';
import { chandyLamport } from '../snapshot/chandy-lamport.ts';
import { DONE, TURN } from '../system/layout.ts';
import { fail } from '../errors.ts';
import { processName } from '../model/types.ts';
import { ACT, DELIVER, stepA, stepKind } from '../system/step.ts';
import type { ProductSystem } from '../system/system.ts';
import type { Emit, Expander } from '../explore/expander.ts';
import type { AppInfo } from './appinfo.ts';

/** Why partial-order reduction is off for this system, or null when it applies. */
export function porBlocker(sys: ProductSystem, info: AppInfo | null): string | null {
  const f = sys.model.faults;
  if (sys.algorithm !== chandyLamport) return `it is proved for plain Chandy-Lamport only, not ${sys.algorithm.name}`;
  if (f.budget > 0 && (f.lossy || f.duplicating)) return 'network faults make the fault budget a shared resource';
  if (sys.crashes) return 'a crash is a step of every process at once';
  if (sys.maxSnapshots !== 1) return 'it is proved for one snapshot per execution';
  if (sys.n > 30) return 'more than 30 processes';
  if (sys.model.workload.scripted === true)
    return sys.model.workload.ahead === undefined ? "a scripted workload's order ties its processes together unless it says what each may still do (workload.ahead)" : null;
  if (info === null || info.mayMask === null) return 'the application space is too large to analyse';
  return null;
}

export class PartialOrderExpander implements Expander {
  readonly width: number;
  private buf: Int32Array;
  private views: Int32Array[] = [];
  private codes: Int32Array = new Int32Array(64);
  private events: Int32Array = new Int32Array(64);
  private procs: Int32Array = new Int32Array(64);
  private count = 0;
  private readonly enabled: Int32Array;
  private readonly join: Int32Array;
  private readonly fifo: boolean[];
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly outBit: Int32Array;
  private readonly collect: Emit;
  /** The workload's own `ahead` answers what each process may still do (a script), rather than R: checked on every step. */
  private readonly asked: boolean;
  /** Before anything is recorded, only a scripted start can send the first marker (no initiator, no `after` handler). */
  private readonly placedStarts: boolean;
  private readonly mayMask: readonly ReadonlyMap<number, number>[];
  /** States expanded, and of those, expanded with fewer than all their successors. */
  expanded = 0;
  reduced = 0;

  /** `info` is R's summary; a scripted workload with `ahead` needs none (null). */
  constructor(
    readonly sys: ProductSystem,
    info: AppInfo | null,
  ) {
    this.width = sys.width;
    this.asked = sys.model.workload.ahead !== undefined;
    this.mayMask = info?.mayMask ?? [];
    this.placedStarts = this.asked && sys.model.algorithm.initiators.length === 0 && !sys.alg.hasAfter;
    this.buf = new Int32Array(0);
    this.grow(64);
    const channels = sys.model.topology.channels;
    this.fifo = sys.model.disciplines.map((d) => disciplineCode(d) === FIFO);
    this.from = Int32Array.from(channels, (c) => c.from);
    this.to = Int32Array.from(channels, (c) => c.to);
    this.outBit = Int32Array.from(sys.table.outPosition, (at) => 1 << at);
    this.enabled = new Int32Array(sys.n);
    this.join = new Int32Array(sys.n);
    this.collect = (vec, code, event) => {
      if (this.count === this.views.length) this.grow(this.views.length * 2);
      const k = this.count++;
      (this.views[k] as Int32Array).set(vec);
      this.codes[k] = code;
      this.events[k] = event;
      this.procs[k] = stepKind(code) === DELIVER ? (this.to[stepA(code)] as number) : stepA(code);
    };
  }

  initial(out: Int32Array): void {
    this.sys.initial(out);
  }
  settle(vec: Int32Array): void {
    this.sys.settle(vec);
  }

  expand(cur: Int32Array, scratch: Int32Array, emit: Emit): void {
    this.count = 0;
    this.sys.successors(cur, scratch, this.collect);
    if (this.asked) for (let k = 0; k < this.count; k++) this.check(cur, k);
    const chosen = this.count > 1 ? this.choose(cur) : -1;
    this.expanded++;
    for (let k = 0; k < this.count; k++) {
      if (chosen !== -1 && (chosen & (1 << (this.procs[k] as number))) === 0) continue;
      emit(this.views[k] as Int32Array, this.codes[k] as number, this.events[k] as number);
    }
  }

  /** The out-channel positions process p may still send on from local state `local` (-1: any). */
  private may(p: number, local: number): number {
    return this.asked ? this.sys.table.ahead(p, local).mask : (this.mayMask[p]?.get(local) ?? -1);
  }

  /** Refuses (CC006) successor k of `cur` when its step goes beyond what the workload's `ahead` allowed. */
  private check(cur: Int32Array, k: number): void {
    const sys = this.sys;
    const L = sys.layout;
    const p = this.procs[k] as number;
    const vec = this.views[k] as Int32Array;
    const before = sys.table.ahead(p, cur[L.local + p] as number);
    const after = sys.table.ahead(p, vec[L.local + p] as number);
    const w = `workload '${sys.model.workload.name}' ahead at ${processName(sys.model.topology, p)}`;
    if (before.mask !== -1 && (after.mask === -1 || (after.mask & ~before.mask) !== 0))
      fail('CC006', `${w}: after one of its steps it may send on more channels than before it, which ahead must not allow`);
    const delivery = stepKind(this.codes[k] as number) === DELIVER;
    if (delivery && before.reacts !== -1 && (after.reacts === -1 || (after.reacts & ~before.reacts) !== 0))
      fail('CC006', `${w}: after one of its receives, its receives may send on more channels than before it, which ahead must not allow`);
    // No self-loops: a step of p never takes a message off one of p's out-channels, so a longer one is a send.
    const allowed = delivery ? before.reacts : before.mask;
    for (let c = 0; c < this.from.length; c++) {
      if (this.from[c] !== p || allowed === -1 || (allowed & (this.outBit[c] as number)) !== 0) continue;
      if (sys.appsIn(vec, c) > sys.appsIn(cur, c))
        fail('CC006', `${w}: ${delivery ? 'a receive of it' : 'it'} sends to ${processName(sys.model.topology, this.to[c] as number)}, which ahead did not list${delivery ? ' (reactsTo)' : ''}`);
    }
    const took = vec[TURN] !== cur[TURN] ? (cur[TURN] as number) : -1;
    if (stepKind(this.codes[k] as number) === ACT && took !== before.turn)
      fail('CC006', `${w}: it took ${took < 0 ? 'an action with no turn' : `turn ${took}`}, and ahead gave ${before.turn < 0 ? 'no turn' : `turn ${before.turn}`}`);
  }

  /** The cheapest valid persistent set of processes, as a bit mask; -1 for "all of them". */
  private choose(cur: Int32Array): number {
    const sys = this.sys;
    const n = sys.n;
    const L = sys.layout;
    const enabled = this.enabled;
    enabled.fill(0);
    let movers = 0;
    for (let k = 0; k < this.count; k++) {
      const p = this.procs[k] as number;
      enabled[p]!++;
      movers |= 1 << p;
    }
    if ((movers & (movers - 1)) === 0) return -1; // one process moves: nothing to choose between
    // While the snapshot can still complete, T must include a process with snapshot work left (a recording, or a
    // marker to receive), so that every execution reaching a completion moves T first.
    const live = (cur[DONE] as number) < sys.maxSnapshots;
    let pending = 0;
    if (live) {
      for (let p = 0; p < n; p++) if (!sys.isLocallyComplete(cur, p)) pending |= 1 << p;
    }
    // join[r]: the processes that may put a new deliverable message on an in-channel of r (an empty FIFO channel, or
    // any unordered one) before r moves: a set holding r must hold them too.
    const join = this.join;
    join.fill(0);
    // A script's order: only the holder of the current turn can pass it on, and every action has a turn (intern.ts
    // refuses a workload with `ahead` that mixes them).
    const holder = this.asked ? sys.turnHolder(cur) : -1;
    // Before anything is recorded, when only the script starts snapshots, the first marker waits for a start, the
    // start for its turn, and the turn for the holder.
    const quiet = this.placedStarts && holder >= 0 && !sys.anyRecorded(cur);
    // So every set holds the holder: before the set moves, the order stands still and no one else takes an action,
    // so another process sends only as its receives do (`reactsTo`), and, before anything is recorded, no marker.
    if (holder >= 0) for (let r = 0; r < n; r++) join[r]! |= 1 << holder;
    for (let c = 0; c < this.from.length; c++) {
      if (this.fifo[c] === true && (cur[L.queue(c)] as number) > 0) continue;
      const q = this.from[c] as number;
      const marker = live && !quiet && (cur[L.rec + q] as number) < 0;
      const local = cur[L.local + q] as number;
      const sends = holder >= 0 && q !== holder ? sys.table.ahead(q, local).reacts : this.may(q, local);
      const app = (sends & (this.outBit[c] as number)) !== 0;
      if (marker || app) join[this.to[c] as number]! |= 1 << q;
    }
    let best = -1;
    let bestCount = this.count;
    for (let seed = 0; seed < n; seed++) {
      let t = 1 << seed;
      for (let grown = true; grown; ) {
        let u = t;
        for (let r = 0; r < n; r++) if ((t & (1 << r)) !== 0) u |= join[r] as number;
        grown = u !== t;
        t = u;
      }
      let count = 0;
      for (let p = 0; p < n; p++) if ((t & (1 << p)) !== 0) count += enabled[p] as number;
      if (count === 0 || count >= bestCount || (live && (t & pending) === 0)) continue;
      best = t;
      bestCount = count;
    }
    if (best !== -1) this.reduced++;
    return best;
  }

  private grow(slots: number): void {
    const w = this.width;
    const buf = new Int32Array(slots * w);
    buf.set(this.buf);
    this.buf = buf;
    this.views = Array.from({ length: slots }, (_, k) => buf.subarray(k * w, (k + 1) * w));
    const widen = (a: Int32Array): Int32Array => {
      const b = new Int32Array(slots);
      b.set(a.subarray(0, Math.min(a.length, slots)));
      return b;
    };
    this.codes = widen(this.codes);
    this.events = widen(this.events);
    this.procs = widen(this.procs);
  }
}
