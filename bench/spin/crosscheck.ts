// Independent breadth-first explorer of the same system as promela.ts (SEMANTICS.md, no Promela), used to
// confirm that SPIN's "states stored" equals the canonical system-state count on small models.

import type { Channel, PromelaOptions } from './promela.ts';

interface Counts {
  states: number;
  transitions: number;
  /** Distinct system states in which a snapshot has just completed with a recorded state that is not conserved. */
  badCompletions: number;
  /** Terminal states without a complete snapshot. */
  incompleteTerminals: number;
}

type Msg = number; // application value, or MARKER
const MARKER = -1;

interface Proc {
  a: number; // bank: balance; token: holding (0/1)
  b: number; // bank: transfers left; token: hops
  rec: boolean;
  ra: number;
  rb: number;
}
interface Chan {
  q: Msg[]; // fifo: in order; unordered: kept sorted
  st: 0 | 1 | 2;
  r: number; // bank: recorded count; token: bitmask of recorded hops
}
interface Sys {
  ps: Proc[];
  cs: Chan[];
}

const key = (s: Sys): string =>
  s.ps.map((p) => `${p.a},${p.b},${p.rec ? 1 : 0},${p.ra},${p.rb}`).join(';') +
  '|' +
  s.cs.map((c) => `${c.q.join('.')}/${c.st}/${c.r}`).join(';');

const clone = (s: Sys): Sys => ({
  ps: s.ps.map((p) => ({ ...p })),
  cs: s.cs.map((c) => ({ q: [...c.q], st: c.st, r: c.r })),
});

export function explore(opts: PromelaOptions, limit = 5_000_000): Counts {
  const { n, channels, workload, discipline, initiators } = opts;
  const bank = workload.kind === 'bank';
  const total = bank ? n * workload.balance : 1;
  const outOf = (p: number): number[] => channels.flatMap((c, i) => (c[0] === p ? [i] : []));
  const into = (p: number): number[] => channels.flatMap((c, i) => (c[1] === p ? [i] : []));
  const push = (s: Sys, ci: number, m: Msg): void => {
    const ch = s.cs[ci]!;
    ch.q.push(m);
    if (discipline === 'unordered') ch.q.sort((x, y) => x - y);
  };
  const record = (s: Sys, p: number, via: number | null): void => {
    const pr = s.ps[p]!;
    pr.rec = true;
    pr.ra = pr.a;
    pr.rb = pr.b;
    for (const ci of outOf(p)) push(s, ci, MARKER);
    for (const ci of into(p)) s.cs[ci]!.st = ci === via ? 2 : 1;
  };
  const complete = (s: Sys): boolean => s.ps.every((p) => p.rec) && s.cs.every((c) => c.st === 2);
  const recordedOk = (s: Sys): boolean => {
    let t = 0;
    for (const p of s.ps) t += p.ra;
    for (const c of s.cs) {
      if (bank) t += c.r;
      else for (let v = c.r; v > 0; v >>= 1) t += v & 1;
    }
    return t === total;
  };

  const init: Sys = {
    ps: Array.from({ length: n }, (_, p) =>
      bank
        ? { a: workload.balance, b: workload.transfers, rec: false, ra: 0, rb: 0 }
        : { a: p === 0 ? 1 : 0, b: p === 0 ? workload.hops : 0, rec: false, ra: 0, rb: 0 },
    ),
    cs: channels.map((): Chan => ({ q: [], st: 0, r: 0 })),
  };

  const successors = (s: Sys): { next: Sys; snapshotStep: boolean }[] => {
    const out: { next: Sys; snapshotStep: boolean }[] = [];
    channels.forEach((c: Channel, ci) => {
      const p = c[0];
      const pr = s.ps[p]!;
      if (bank ? pr.a >= 1 && pr.b >= 1 : pr.a === 1 && pr.b >= 1) {
        const t = clone(s);
        const tp = t.ps[p]!;
        if (bank) {
          tp.a--;
          tp.b--;
          push(t, ci, 1);
        } else {
          push(t, ci, tp.b - 1);
          tp.a = 0;
          tp.b = 0;
        }
        out.push({ next: t, snapshotStep: false });
      }
      const q = s.cs[ci]!.q;
      const positions = discipline === 'fifo' ? (q.length > 0 ? [0] : []) : q.map((_, i) => i);
      const tried = new Set<Msg>();
      for (const i of positions) {
        const m = q[i]!;
        if (tried.has(m)) continue; // equal messages in a multiset give the same successor
        tried.add(m);
        const t = clone(s);
        const tc = t.cs[ci]!;
        tc.q.splice(i, 1);
        const r = t.ps[c[1]]!;
        if (m === MARKER) {
          if (r.rec) tc.st = 2;
          else record(t, c[1], ci);
          out.push({ next: t, snapshotStep: true });
        } else {
          if (bank) r.a += m;
          else {
            r.a = 1;
            r.b = m;
          }
          if (tc.st === 1) tc.r = bank ? tc.r + 1 : tc.r | (1 << m);
          out.push({ next: t, snapshotStep: false });
        }
      }
    });
    for (const p of [...new Set(initiators)]) {
      if (!s.ps[p]!.rec) {
        const t = clone(s);
        record(t, p, null);
        out.push({ next: t, snapshotStep: true });
      }
    }
    return out;
  };

  const seen = new Set<string>([key(init)]);
  const bad = new Set<string>();
  let frontier: Sys[] = [init];
  let transitions = 0;
  let incompleteTerminals = 0;
  while (frontier.length > 0) {
    const nextFrontier: Sys[] = [];
    for (const s of frontier) {
      const succ = successors(s);
      if (succ.length === 0 && !complete(s)) incompleteTerminals++;
      for (const { next, snapshotStep } of succ) {
        transitions++;
        const k = key(next);
        if (snapshotStep && complete(next) && !recordedOk(next)) bad.add(k);
        if (!seen.has(k)) {
          seen.add(k);
          if (seen.size > limit) throw new Error(`more than ${limit} states`);
          nextFrontier.push(next);
        }
      }
    }
    frontier = nextFrontier;
  }
  return { states: seen.size, transitions, badCompletions: bad.size, incompleteTerminals };
}
