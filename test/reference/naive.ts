// Naive, independent reference model checker for /work/shared/SEMANTICS.md (test-only).
// Brute-force BFS with JSON.stringify keys; it exists to cross-check the real explorer's facts.

export type NaiveSpec = {
  n: number; // processes 0..n-1
  channels: ReadonlyArray<readonly [number, number]>; // directed (from,to)
  workload: { kind: 'bank'; balance: number; transfers: number } | { kind: 'token'; hops: number };
  discipline: 'fifo' | 'unordered';
  initiators: readonly number[]; // default [0] by caller
};
export type NaiveFacts = {
  appStates: number;
  cuts: number;
  inconsistentCuts: number;
  unreachableCuts: number;
  shortestInconsistent: number | null;
};
export type NaiveOptions = { deadlineMs?: number }; // abort (throw) after this many ms

// Local state of a process. bank: [balance, transfersLeft]; token: [hops] when holding, [-1] when not.
export type Local = readonly number[];
export type Send = readonly [number, number]; // [channel index, payload]
type Effect = { local: Local; sends: Send[] };
type Msg = { kind: 'app'; v: number; colour: 'pre' | 'post' } | { kind: 'marker' };
type RecMode = 'idle' | 'rec' | 'closed';

type State = {
  locals: Local[];
  chans: Msg[][]; // in-flight messages per channel (unordered: kept sorted)
  recLocal: (Local | null)[]; // recorded local states
  mode: RecMode[]; // recording status per channel
  recMsgs: number[][]; // recorded application payloads per channel
  orphan: boolean; // a post message was received before its receiver recorded
  phantom: boolean; // a post message was recorded as channel state
  lateLost: boolean; // a pre message was delivered on a channel already closed
};

export function workloadInit(spec: NaiveSpec): Local[] {
  const w = spec.workload;
  const out: Local[] = [];
  for (let p = 0; p < spec.n; p++) {
    out.push(w.kind === 'bank' ? [w.balance, w.transfers] : [p === 0 ? w.hops : -1]);
  }
  return out;
}

/** Every workload action enabled at process p with local state l. */
export function workloadActions(spec: NaiveSpec, p: number, l: Local): Effect[] {
  const outs = spec.channels.map((c, i) => [c[0], i] as const).filter(([from]) => from === p);
  const bal = l[0] ?? 0;
  if (spec.workload.kind === 'bank') {
    const left = l[1] ?? 0;
    if (bal < 1 || left < 1) return [];
    return outs.map(([, ci]) => ({ local: [bal - 1, left - 1], sends: [[ci, 1]] }));
  }
  if (bal < 1) return []; // token: not holding (-1) or holding with 0 hops
  return outs.map(([, ci]) => ({ local: [-1], sends: [[ci, bal - 1]] }));
}

export function workloadReceive(spec: NaiveSpec, l: Local, v: number): Effect {
  if (spec.workload.kind === 'bank') return { local: [(l[0] ?? 0) + v, l[1] ?? 0], sends: [] };
  return { local: [v], sends: [] };
}

export const byJson = <T>(a: T, b: T): number => {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Key of an application state: local states + channel contents (sorted multiset if unordered). */
export function appKey(spec: NaiveSpec, locals: readonly Local[], chans: readonly (readonly number[])[]): string {
  const cs = chans.map((c) => (spec.discipline === 'unordered' ? [...c].sort((a, b) => a - b) : [...c]));
  return JSON.stringify({ locals, chans: cs });
}

/** R: application states reachable by workload actions and application deliveries only. */
function reachableApp(spec: NaiveSpec, deadline: number): Set<string> {
  type AppState = { locals: Local[]; chans: number[][] };
  const canon = (s: AppState): AppState =>
    spec.discipline === 'unordered' ? { locals: s.locals, chans: s.chans.map((c) => [...c].sort((a, b) => a - b)) } : s;
  const init: AppState = { locals: workloadInit(spec), chans: spec.channels.map(() => []) };
  const seen = new Set<string>([appKey(spec, init.locals, init.chans)]);
  const queue: AppState[] = [init];
  const push = (s: AppState): void => {
    const c = canon(s);
    const k = appKey(spec, c.locals, c.chans);
    if (!seen.has(k)) {
      seen.add(k);
      queue.push(c);
    }
  };
  const applySends = (chans: number[][], sends: readonly Send[]): void => {
    for (const [ci, v] of sends) chans[ci]?.push(v);
  };
  for (let qi = 0; qi < queue.length; qi++) {
    if (Date.now() > deadline) throw new Error('naive: deadline exceeded computing R');
    const s = queue[qi] as AppState;
    for (let p = 0; p < spec.n; p++) {
      for (const e of workloadActions(spec, p, s.locals[p] as Local)) {
        const locals = [...s.locals];
        locals[p] = e.local;
        const chans = s.chans.map((c) => [...c]);
        applySends(chans, e.sends);
        push({ locals, chans });
      }
    }
    s.chans.forEach((msgs, ci) => {
      const to = (spec.channels[ci] as readonly [number, number])[1];
      const idxs = spec.discipline === 'fifo' ? (msgs.length > 0 ? [0] : []) : msgs.map((_, i) => i);
      for (const i of idxs) {
        const chans = s.chans.map((c) => [...c]);
        const v = (chans[ci] as number[]).splice(i, 1)[0] as number;
        const e = workloadReceive(spec, s.locals[to] as Local, v);
        const locals = [...s.locals];
        locals[to] = e.local;
        applySends(chans, e.sends);
        push({ locals, chans });
      }
    });
  }
  return seen;
}

function cloneState(s: State): State {
  return {
    locals: [...s.locals],
    chans: s.chans.map((c) => [...c]),
    recLocal: [...s.recLocal],
    mode: [...s.mode],
    recMsgs: s.recMsgs.map((c) => [...c]),
    orphan: s.orphan,
    phantom: s.phantom,
    lateLost: s.lateLost,
  };
}

/** Sends application messages from p, coloured by whether p has recorded. */
function sendApp(s: State, p: number, sends: readonly Send[]): void {
  const colour = s.recLocal[p] === null ? 'pre' : 'post';
  for (const [ci, v] of sends) s.chans[ci]?.push({ kind: 'app', v, colour });
}

/** Chandy-Lamport recording at p; `via` is the channel the first marker came on (or null). */
function record(spec: NaiveSpec, s: State, p: number, via: number | null): void {
  s.recLocal[p] = s.locals[p] as Local;
  spec.channels.forEach(([from, to], ci) => {
    if (from === p) s.chans[ci]?.push({ kind: 'marker' });
    if (to === p) {
      s.mode[ci] = ci === via ? 'closed' : 'rec';
      s.recMsgs[ci] = [];
    }
  });
}

function deliver(spec: NaiveSpec, s: State, ci: number, m: Msg): void {
  const to = (spec.channels[ci] as readonly [number, number])[1];
  if (m.kind === 'marker') {
    if (s.recLocal[to] === null) record(spec, s, to, ci);
    else s.mode[ci] = 'closed';
    return;
  }
  if (s.recLocal[to] === null) {
    if (m.colour === 'post') s.orphan = true;
  } else if (s.mode[ci] === 'rec') {
    s.recMsgs[ci]?.push(m.v);
    if (m.colour === 'post') s.phantom = true;
  } else if (m.colour === 'pre') {
    s.lateLost = true; // channel already closed: the pre message is in neither part of the cut
  }
  const e = workloadReceive(spec, s.locals[to] as Local, m.v);
  s.locals[to] = e.local;
  sendApp(s, to, e.sends);
}

/** Every successor of s (one per enabled atomic step). */
function successors(spec: NaiveSpec, s: State): State[] {
  const out: State[] = [];
  for (let p = 0; p < spec.n; p++) {
    for (const e of workloadActions(spec, p, s.locals[p] as Local)) {
      const t = cloneState(s);
      t.locals[p] = e.local;
      sendApp(t, p, e.sends);
      out.push(t);
    }
  }
  s.chans.forEach((msgs, ci) => {
    const idxs = spec.discipline === 'fifo' ? (msgs.length > 0 ? [0] : []) : msgs.map((_, i) => i);
    for (const i of idxs) {
      const t = cloneState(s);
      const m = (t.chans[ci] as Msg[]).splice(i, 1)[0] as Msg;
      deliver(spec, t, ci, m);
      out.push(t);
    }
  });
  for (const p of spec.initiators) {
    if (s.recLocal[p] !== null) continue;
    const t = cloneState(s);
    record(spec, t, p, null);
    out.push(t);
  }
  if (spec.discipline === 'unordered') for (const t of out) for (const c of t.chans) c.sort(byJson);
  return out;
}

const complete = (s: State): boolean => s.recLocal.every((l) => l !== null) && s.mode.every((m) => m === 'closed');

/** What a completed snapshot recorded: the cut as an application-state key, and whether it is consistent. */
export type Recorded = { readonly star: string; readonly consistent: boolean };

/**
 * The canonical facts of SEMANTICS.md for one snapshot, by exhaustive BFS from `init` (states compared by their
 * JSON). `recorded` judges a state: null while the snapshot is under way; nothing after its completion can change
 * the facts, so the search stops there. Shared by the naive checkers of each algorithm.
 */
export function snapshotFacts<S>(spec: NaiveSpec, opts: NaiveOptions, init: S, successors: (s: S) => S[], recorded: (s: S) => Recorded | null): NaiveFacts {
  const deadline = Date.now() + (opts.deadlineMs ?? Number.POSITIVE_INFINITY);
  const R = reachableApp(spec, deadline);
  const seen = new Set<string>([JSON.stringify(init)]);
  let frontier: S[] = [init];
  const cuts = new Set<string>();
  const badCuts = new Set<string>();
  let shortest: number | null = null;
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: S[] = [];
    for (const s of frontier) {
      if (Date.now() > deadline) throw new Error('naive: deadline exceeded exploring');
      for (const t of successors(s)) {
        const k = JSON.stringify(t);
        if (seen.has(k)) continue;
        seen.add(k);
        const r = recorded(t);
        if (r === null) {
          next.push(t);
          continue;
        }
        cuts.add(r.star);
        if (!r.consistent) {
          badCuts.add(r.star);
          if (shortest === null || depth < shortest) shortest = depth;
        }
      }
    }
    frontier = next;
  }
  return {
    appStates: R.size,
    cuts: cuts.size,
    inconsistentCuts: badCuts.size,
    unreachableCuts: [...cuts].filter((k) => !R.has(k)).length,
    shortestInconsistent: shortest,
  };
}

/** The initial state: the workload's, nothing recorded, every channel empty and idle. */
function initialState(spec: NaiveSpec): State {
  return {
    locals: workloadInit(spec),
    chans: spec.channels.map(() => []),
    recLocal: Array.from({ length: spec.n }, () => null),
    mode: spec.channels.map(() => 'idle'),
    recMsgs: spec.channels.map(() => []),
    orphan: false,
    phantom: false,
    lateLost: false,
  };
}

/** Computes the canonical facts of SEMANTICS.md for Chandy-Lamport by exhaustive BFS over every interleaving. */
export function naiveFacts(spec: NaiveSpec, opts: NaiveOptions = {}): NaiveFacts {
  const init = initialState(spec);
  return snapshotFacts(spec, opts, init, (s) => successors(spec, s), (t) => {
    if (!complete(t)) return null;
    const inFlightPre = t.chans.some((c) => c.some((m) => m.kind === 'app' && m.colour === 'pre'));
    return { star: appKey(spec, t.recLocal as Local[], t.recMsgs), consistent: !t.orphan && !t.phantom && !t.lateLost && !inFlightPre };
  });
}

export type NaiveRange = { min: number; max: number };
export type NaiveCosts = { markers: NaiveRange; recorded: NaiveRange; steps: NaiveRange };

/**
 * What Chandy-Lamport's snapshot costs, minimum and maximum over every execution, by dynamic programming over the
 * states of the naive checker (not the engine's counters): from each state before the snapshot, every initiate;
 * from each state after it, every path to completion. Markers sent on a step are the out-channels of each process
 * that records on it; steps count the initiate and the completing step. Needs an acyclic workload (bank, token).
 */
export function naiveCosts(spec: NaiveSpec): NaiveCosts {
  type Acc = { steps: NaiveRange; markers: NaiveRange; recorded: NaiveRange } | null;
  const outdeg = (p: number): number => spec.channels.filter(([from]) => from === p).length;
  const sentOn = (a: State, b: State): number => b.recLocal.reduce((t, l, p) => t + (l !== null && a.recLocal[p] === null ? outdeg(p) : 0), 0);
  const join = (x: Acc, y: Acc): Acc =>
    x === null ? y : y === null ? x : {
      steps: { min: Math.min(x.steps.min, y.steps.min), max: Math.max(x.steps.max, y.steps.max) },
      markers: { min: Math.min(x.markers.min, y.markers.min), max: Math.max(x.markers.max, y.markers.max) },
      recorded: { min: Math.min(x.recorded.min, y.recorded.min), max: Math.max(x.recorded.max, y.recorded.max) },
    };
  const shift = (a: Acc, steps: number, markers: number): Acc =>
    a === null ? null : {
      steps: { min: a.steps.min + steps, max: a.steps.max + steps },
      markers: { min: a.markers.min + markers, max: a.markers.max + markers },
      recorded: a.recorded,
    };
  const memo = new Map<string, Acc>();
  // From a state with the snapshot under way: over every path to its completion.
  const onward = (t: State): Acc => {
    const key = JSON.stringify(t);
    if (memo.has(key)) return memo.get(key) as Acc;
    let acc: Acc = null;
    if (complete(t)) {
      const n = t.recMsgs.reduce((k, c) => k + c.length, 0);
      acc = { steps: { min: 0, max: 0 }, markers: { min: 0, max: 0 }, recorded: { min: n, max: n } };
    } else for (const u of successors(spec, t)) acc = join(acc, shift(onward(u), 1, sentOn(t, u)));
    memo.set(key, acc);
    return acc;
  };
  const init = initialState(spec);
  const seen = new Set([JSON.stringify(init)]);
  const queue = [init];
  let total: Acc = null;
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i] as State;
    for (const t of successors(spec, s)) {
      if (t.recLocal.some((l) => l !== null)) total = join(total, shift(onward(t), 1, sentOn(s, t)));
      else if (!seen.has(JSON.stringify(t))) {
        seen.add(JSON.stringify(t));
        queue.push(t);
      }
    }
  }
  if (total === null) throw new Error('naive: no execution completes a snapshot');
  return total;
}

/** Parses complete:N ring:N biring:N star:N line:N edges:0>1,1>0 into processes and directed channels. */
export function parseNaiveTopology(s: string): { n: number; channels: [number, number][] } {
  const m = /^([a-z]+):(.+)$/.exec(s.trim());
  if (!m) throw new Error(`bad topology: ${s}`);
  const kind = m[1] as string;
  const arg = m[2] as string;
  const pairs: [number, number][] = [];
  let n: number;
  if (kind === 'edges') {
    for (const e of arg.split(',')) {
      const em = /^\s*(\d+)\s*>\s*(\d+)\s*$/.exec(e);
      if (!em) throw new Error(`bad edge: ${e}`);
      pairs.push([Number(em[1]), Number(em[2])]);
    }
    n = Math.max(...pairs.flat()) + 1;
  } else {
    if (!/^\d+$/.test(arg)) throw new Error(`bad size: ${s}`);
    n = Number(arg);
    if (!['complete', 'ring', 'biring', 'star', 'line'].includes(kind)) throw new Error(`bad topology: ${s}`);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const ok =
          kind === 'complete' ||
          (kind === 'ring' && j === (i + 1) % n) ||
          (kind === 'biring' && (j === (i + 1) % n || i === (j + 1) % n)) ||
          (kind === 'star' && (i === 0 || j === 0)) ||
          (kind === 'line' && Math.abs(i - j) === 1);
        if (ok && i !== j) pairs.push([i, j]);
      }
    }
  }
  const seen = new Set<string>();
  const channels: [number, number][] = [];
  for (const [i, j] of pairs) {
    if (i === j) throw new Error(`self-loop ${i}>${j} in ${s}`);
    const k = `${i}>${j}`;
    if (!seen.has(k)) channels.push([i, j]); // at most one channel per ordered pair
    seen.add(k);
  }
  return { n, channels };
}
