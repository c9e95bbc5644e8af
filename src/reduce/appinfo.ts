// What the application can do, read off R (the application states reachable with no snapshot): which local
// states each process reaches, which (channel, local state, message) deliveries happen, and from each local state,
// on which out-channels a process may still send. Reductions and worker threads are built from this.

import type { Model } from '../model/types.ts';
import { fullExpander } from '../explore/expander.ts';
import { search } from '../explore/search.ts';
import { payloadOf } from '../network/message.ts';
import { noSnapshot } from '../snapshot/none.ts';
import type { WorkloadTable } from '../system/intern.ts';
import { ACT, DELIVER, stepA, stepB, stepKind } from '../system/step.ts';
import { ProductSystem } from '../system/system.ts';

export interface AppInfo {
  /** Local-state ids process p reaches in R. */
  readonly locals: readonly (readonly number[])[];
  /** Deliveries that happen in R: flat triples (channel, receiver's local-state id, payload id). */
  readonly receives: Int32Array;
  /**
   * mayMask[p].get(local): bit j set when p, from that local state, may later send on its j-th out-channel through its
   * own steps alone, whatever it receives. Undefined when R is not fully known (too big), meaning "anything".
   */
  readonly mayMask: readonly ReadonlyMap<number, number>[] | null;
}

/** Most states of R the summary explores. */
export const APPINFO_LIMIT = 1_000_000;

/** Explores R (up to `limit` states) and summarises it, step by step as the search takes them; null when R is larger. */
export function appInfo(model: Model, table: WorkloadTable, cap: number, limit = APPINFO_LIMIT): AppInfo | null {
  const sys = new ProductSystem(model, table, noSnapshot, cap, 0);
  const L = sys.layout;
  const n = sys.n;
  const channels = model.topology.channels;
  const outIndex = table.outPosition;
  const locals = Array.from({ length: n }, () => new Set<number>());
  const receives = new Map<string, [number, number, number]>();
  // Per process: edges between its local states, with the out-channels each edge sends on.
  const edges = Array.from({ length: n }, () => new Map<number, { to: number; mask: number }[]>());
  const outcome = search(
    fullExpander(sys),
    {
      onState: (v) => {
        for (let p = 0; p < n; p++) locals[p]?.add(v[L.local + p] as number);
        return false;
      },
      onSuccessor: (v, _parent, w, code) => {
        const kind = stepKind(code);
        if (kind !== ACT && kind !== DELIVER) return;
        const c = stepA(code);
        const p = kind === ACT ? c : (channels[c]?.to ?? 0);
        const from = v[L.local + p] as number;
        if (kind === DELIVER) {
          const payload = payloadOf(v[L.queue(c) + 1 + stepB(code)] as number);
          receives.set(`${c},${from},${payload}`, [c, from, payload]);
        }
        let mask = 0;
        channels.forEach((ch, d) => {
          if (ch.from === p && (w[L.queue(d)] as number) > (v[L.queue(d)] as number)) mask |= 1 << (outIndex[d] ?? 0);
        });
        const list = edges[p]?.get(from) ?? [];
        list.push({ to: w[L.local + p] as number, mask });
        edges[p]?.set(from, list);
      },
    },
    { maxStates: Math.max(1, limit) },
  );
  if (outcome.truncated) return null;
  const tooMany = outIndex.some((at) => at >= 31);
  return {
    locals: locals.map((s) => [...s].sort((a, b) => a - b)),
    receives: Int32Array.from([...receives.values()].flat()),
    mayMask: tooMany ? null : edges.map((e, p) => closeMasks(e, locals[p] ?? new Set())),
  };
}

/** The sends reachable from each local state along a process's own edges (a fixpoint over a small graph). */
function closeMasks(edges: ReadonlyMap<number, readonly { to: number; mask: number }[]>, locals: ReadonlySet<number>): Map<number, number> {
  const mask = new Map<number, number>();
  for (const l of locals) mask.set(l, 0);
  for (const [from, list] of edges) mask.set(from, list.reduce((m, e) => m | e.mask, 0));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [from, list] of edges) {
      let m = mask.get(from) ?? 0;
      for (const e of list) m |= mask.get(e.to) ?? 0;
      if (m !== mask.get(from)) {
        mask.set(from, m);
        changed = true;
      }
    }
  }
  return mask;
}
