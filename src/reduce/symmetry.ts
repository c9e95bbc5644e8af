// Symmetry reduction: the permutations of processes that map the topology onto itself, keep each channel's
// discipline and the initiator set, and under which the workload behaves the same (checked on every input R
// reaches), map the product's transitions onto themselves. The search then keeps one state per orbit while
// observers see every image of every completed snapshot, so cuts and verdicts are those of the full search.

import { builtinEntry } from '../snapshot/registry.ts';
import { CRASH, DELIVER, FAULT, INITIATE, INTERNAL, ACT, stepA, stepB, stepCode, stepKind } from '../system/step.ts';
import type { ProductSystem } from '../system/system.ts';
import type { Symmetry } from '../explore/expander.ts';
import type { AppInfo } from './appinfo.ts';

/** Groups larger than this are not used (the search takes a minimum over the whole group for every state). */
export const MAX_GROUP = 720;

export interface SymmetryPlan {
  readonly symmetry: Symmetry | null;
  /** The process permutations used (identity excluded). */
  readonly perms: readonly Int32Array[];
  /** Why there is no symmetry to use, when there is none. */
  readonly blocker: string | null;
}

const none = (blocker: string): SymmetryPlan => ({ symmetry: null, perms: [], blocker });

export function symmetryFor(sys: ProductSystem, info: AppInfo | null): SymmetryPlan {
  const model = sys.model;
  const f = model.faults;
  if (f.budget > 0 && (f.lossy || f.duplicating)) return none('faults can reach inputs the application space does not');
  if (sys.crashes) return none('a crash restores a checkpoint, which may lie outside the application space');
  if (model.workload.scripted === true) return none('a script names its processes');
  if (builtinEntry(sys.algorithm)?.symmetric !== true) return none(`${sys.algorithm.name} is not known to be symmetric`);
  if (info === null) return none('the application space is too large to check the workload');
  const L = sys.layout;
  const n = sys.n;
  const C = sys.channelCount;
  const wpp = L.wordsPerProcess;
  const wpc = L.wordsPerChannel;
  if (L.rec !== L.local + n || L.algProc !== L.rec + n || L.algChan !== L.algProc + n * wpp || L.queues !== L.algChan + C * wpc)
    return none('unknown state layout');
  if (L.recorded !== L.queues + C * L.slot || L.width !== L.recorded + C * L.slot) return none('unknown state layout');
  const channels = model.topology.channels;
  const index = new Map(channels.map((c, i) => [c.from * n + c.to, i]));
  const group = automorphisms(sys, index);
  if (group === null) return none(`the topology has more than ${MAX_GROUP} symmetries`);
  const perms = group.filter((g) => !g.every((x, i) => x === i)).filter((g) => equivariant(sys, info, g, index));
  if (perms.length === 0) return none('no symmetry of the topology fixes the initiators and the workload');
  // The equivariant elements of a group need not form a group themselves: use them only if they do.
  if (perms.length + 1 !== group.length && !closed(perms)) return none('the workload is symmetric under part of the topology only');
  return { symmetry: buildSymmetry(sys, perms), perms, blocker: null };
}

/** The symmetry (position maps, image codes) of a set of process permutations already known to be one. */
export function buildSymmetry(sys: ProductSystem, perms: readonly Int32Array[]): Symmetry {
  const L = sys.layout;
  const n = sys.n;
  const channels = sys.model.topology.channels;
  const index = new Map(channels.map((c, i) => [c.from * n + c.to, i]));
  const chanMaps = perms.map((g) => Int32Array.from(channels, (c) => index.get((g[c.from] as number) * n + (g[c.to] as number)) ?? -1));
  const maps = perms.map((g, k) => positionMap(sys, g, chanMaps[k] as Int32Array));
  const actMemo = new Map<string, number>();
  const imageCode = (g: number, code: number, cur: Int32Array): number => {
    const perm = perms[g] as Int32Array;
    const chan = chanMaps[g] as Int32Array;
    const a = stepA(code);
    const b = stepB(code);
    switch (stepKind(code)) {
      case DELIVER:
        return stepCode(DELIVER, chan[a] as number, b);
      case FAULT:
        return stepCode(FAULT, chan[a] as number, b);
      case INITIATE:
        return stepCode(INITIATE, perm[a] as number, b);
      case INTERNAL:
        return stepCode(INTERNAL, perm[a] as number, b);
      case CRASH:
        return code;
      default: {
        const local = cur[L.local + a] as number;
        const key = `${g},${a},${local},${b}`;
        let j = actMemo.get(key);
        if (j === undefined) {
          const want = rowKey(sys.table.actions(a, local)[b], chan);
          j = sys.table.actions(perm[a] as number, local).findIndex((r) => rowKey(r, null) === want);
          if (j < 0) throw new Error('internal: an action has no image under a symmetry that was checked');
          actMemo.set(key, j);
        }
        return stepCode(ACT, perm[a] as number, j);
      }
    }
  };
  return { maps, imageCode };
}

/** Every permutation of processes preserving channels, disciplines and the initiator set; null if too many. */
function automorphisms(sys: ProductSystem, index: ReadonlyMap<number, number>): Int32Array[] | null {
  const n = sys.n;
  const model = sys.model;
  const initiators = new Set(model.algorithm.initiators);
  const disc = model.disciplines;
  const out: Int32Array[] = [];
  const img = new Int32Array(n).fill(-1);
  const used = new Uint8Array(n);
  const fits = (p: number): boolean => {
    for (let q = 0; q <= p; q++) {
      for (const [a, b] of [[p, q], [q, p]] as const) {
        const c = index.get(a * n + b);
        const d = index.get((img[a] as number) * n + (img[b] as number));
        if ((c === undefined) !== (d === undefined)) return false;
        if (c !== undefined && d !== undefined && disc[c] !== disc[d]) return false;
      }
    }
    return true;
  };
  const place = (p: number): boolean => {
    if (p === n) {
      out.push(img.slice());
      return out.length <= MAX_GROUP;
    }
    for (let x = 0; x < n; x++) {
      if (used[x] === 1 || initiators.has(p) !== initiators.has(x)) continue;
      img[p] = x;
      used[x] = 1;
      const ok = !fits(p) || place(p + 1);
      used[x] = 0;
      img[p] = -1;
      if (!ok) return false;
    }
    return true;
  };
  return place(0) ? out : null;
}

/** A row of sends as a comparable string; with `chan`, its sends' channels are mapped first. */
function rowKey(row: { readonly next: number; readonly sends: Int32Array } | undefined, chan: Int32Array | null): string {
  if (row === undefined) return '?';
  const sends: string[] = [];
  for (let i = 0; i < row.sends.length; i += 2) {
    const c = row.sends[i] as number;
    sends.push(`${chan === null ? c : (chan[c] as number)}:${row.sends[i + 1] as number}`);
  }
  return `${row.next}|${sends.sort().join(',')}`;
}

/** Whether the workload does the same at g(p) as at p, on every input R reaches, and starts the same. */
function equivariant(sys: ProductSystem, info: AppInfo, g: Int32Array, index: ReadonlyMap<number, number>): boolean {
  const n = sys.n;
  const table = sys.table;
  const channels = sys.model.topology.channels;
  const chan = Int32Array.from(channels, (c) => index.get((g[c.from] as number) * n + (g[c.to] as number)) ?? -1);
  try {
    for (let p = 0; p < n; p++) {
      const q = g[p] as number;
      if (table.initialLocals[p] !== table.initialLocals[q]) return false;
      for (const l of info.locals[p] ?? []) {
        const mine = table.actions(p, l).map((r) => rowKey(r, chan)).sort();
        const theirs = table.actions(q, l).map((r) => rowKey(r, null)).sort();
        if (mine.join(';') !== theirs.join(';')) return false;
      }
    }
    const r = info.receives;
    for (let i = 0; i < r.length; i += 3) {
      const c = r[i] as number;
      const l = r[i + 1] as number;
      const m = r[i + 2] as number;
      if (rowKey(table.receive(c, l, m), chan) !== rowKey(table.receive(chan[c] as number, l, m), null)) return false;
    }
  } catch {
    return false; // the workload refused an input its image accepted: not symmetric
  }
  return true;
}

/** Whether a set of permutations (identity left out) is closed under composition. */
function closed(perms: readonly Int32Array[]): boolean {
  const keys = new Set(perms.map((p) => p.join(',')));
  const id = perms[0]?.map((_, i) => i).join(',') ?? '';
  for (const a of perms)
    for (const b of perms) {
      const k = Array.from(b, (x) => a[x] as number).join(',');
      if (k !== id && !keys.has(k)) return false;
    }
  return true;
}

/** Where each word of a state vector goes when processes are permuted by g (channels by chan). */
function positionMap(sys: ProductSystem, g: Int32Array, chan: Int32Array): Int32Array {
  const L = sys.layout;
  const map = new Int32Array(L.width);
  for (let i = 0; i < L.local; i++) map[i] = i;
  for (let p = 0; p < sys.n; p++) {
    const q = g[p] as number;
    map[L.local + p] = L.local + q;
    map[L.rec + p] = L.rec + q;
    for (let k = 0; k < L.wordsPerProcess; k++) map[L.algProc + p * L.wordsPerProcess + k] = L.algProc + q * L.wordsPerProcess + k;
  }
  for (let c = 0; c < sys.channelCount; c++) {
    const d = chan[c] as number;
    for (let k = 0; k < L.wordsPerChannel; k++) map[L.algChan + c * L.wordsPerChannel + k] = L.algChan + d * L.wordsPerChannel + k;
    for (let k = 0; k < L.slot; k++) {
      map[L.queue(c) + k] = L.queue(d) + k;
      map[L.recordedQueue(c) + k] = L.recordedQueue(d) + k;
    }
  }
  return map;
}
