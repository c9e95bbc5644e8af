// A second, naive reference checker, for Lai-Yang (test-only), written from the algorithm's definition and
// SEMANTICS.md, not from the engine: brute-force BFS over JSON keys, sharing only the workloads and R with naive.ts.
//
// Lai-Yang: every process is white until it records, red after; each application message carries its sender's
// colour. A white process records on initiate, when a count arrives, or just before it handles a red message.
// On recording it sends on each out-channel the number of white messages it sent there. A channel's recorded
// state is the white messages that arrive on it after its receiver recorded; it is complete when the receiver
// has seen as many white messages on it as that count says. The snapshot completes when every channel is.

import {
  appKey, byJson, snapshotFacts, workloadActions, workloadInit, workloadReceive, type Local, type NaiveFacts, type NaiveOptions,
  type NaiveSpec, type Send,
} from './naive.ts';

type Msg = { kind: 'app'; v: number; white: boolean } | { kind: 'count'; k: number };

type State = {
  locals: Local[];
  chans: Msg[][];
  red: boolean[];
  recLocal: (Local | null)[];
  sentWhite: number[]; // per channel, white messages its sender sent on it
  gotWhite: number[]; // per channel, white messages its receiver has seen on it
  expect: (number | null)[]; // per channel, the count, once it arrived
  recMsgs: number[][];
  // Ghosts, from SEMANTICS.md: what makes a cut inconsistent, seen as it happens.
  orphan: boolean; // a message sent after its sender recorded was handled before its receiver recorded
  phantom: boolean; // such a message was recorded as channel state
  lost: boolean; // a message sent before its sender recorded was handled after its receiver recorded, unrecorded
};

const clone = (s: State): State => ({
  locals: [...s.locals],
  chans: s.chans.map((c) => [...c]),
  red: [...s.red],
  recLocal: [...s.recLocal],
  sentWhite: [...s.sentWhite],
  gotWhite: [...s.gotWhite],
  expect: [...s.expect],
  recMsgs: s.recMsgs.map((c) => [...c]),
  orphan: s.orphan,
  phantom: s.phantom,
  lost: s.lost,
});

function send(s: State, p: number, sends: readonly Send[]): void {
  for (const [ci, v] of sends) {
    const white = !s.red[p];
    if (white) s.sentWhite[ci]! += 1;
    s.chans[ci]?.push({ kind: 'app', v, white });
  }
}

function turnRed(spec: NaiveSpec, s: State, p: number): void {
  s.red[p] = true;
  s.recLocal[p] = s.locals[p] as Local;
  spec.channels.forEach(([from], ci) => {
    if (from === p) s.chans[ci]?.push({ kind: 'count', k: s.sentWhite[ci] as number });
  });
}

function deliver(spec: NaiveSpec, s: State, ci: number, m: Msg): void {
  const to = (spec.channels[ci] as readonly [number, number])[1];
  if (m.kind === 'count') {
    if (!s.red[to]) turnRed(spec, s, to);
    s.expect[ci] = m.k;
    return;
  }
  if (!m.white && !s.red[to]) turnRed(spec, s, to);
  let recorded = false;
  if (m.white) {
    s.gotWhite[ci]! += 1;
    if (s.red[to]) {
      s.recMsgs[ci]?.push(m.v);
      recorded = true;
    }
  }
  // The ghosts judge by when the message was sent and handled relative to the two recordings, not by colour.
  const sentBeforeCut = m.white;
  const handledBeforeCut = s.recLocal[to] === null;
  if (!sentBeforeCut && handledBeforeCut) s.orphan = true;
  if (!sentBeforeCut && recorded) s.phantom = true;
  if (sentBeforeCut && !handledBeforeCut && !recorded) s.lost = true;
  const e = workloadReceive(spec, s.locals[to] as Local, m.v);
  s.locals[to] = e.local;
  send(s, to, e.sends);
}

function successors(spec: NaiveSpec, s: State): State[] {
  const out: State[] = [];
  for (let p = 0; p < spec.n; p++)
    for (const e of workloadActions(spec, p, s.locals[p] as Local)) {
      const t = clone(s);
      t.locals[p] = e.local;
      send(t, p, e.sends);
      out.push(t);
    }
  s.chans.forEach((msgs, ci) => {
    const idxs = spec.discipline === 'fifo' ? (msgs.length > 0 ? [0] : []) : msgs.map((_, i) => i);
    for (const i of idxs) {
      const t = clone(s);
      const m = (t.chans[ci] as Msg[]).splice(i, 1)[0] as Msg;
      deliver(spec, t, ci, m);
      out.push(t);
    }
  });
  for (const p of spec.initiators) {
    if (s.red[p]) continue;
    const t = clone(s);
    turnRed(spec, t, p);
    out.push(t);
  }
  if (spec.discipline === 'unordered') for (const t of out) for (const c of t.chans) c.sort(byJson);
  return out;
}

const complete = (spec: NaiveSpec, s: State): boolean =>
  s.red.every((r) => r) && spec.channels.every((_, ci) => s.expect[ci] !== null && s.gotWhite[ci] === s.expect[ci]);

/** The canonical facts of SEMANTICS.md for Lai-Yang with one snapshot, by exhaustive BFS. */
export function naiveLaiYangFacts(spec: NaiveSpec, opts: NaiveOptions = {}): NaiveFacts {
  const C = spec.channels.length;
  const init: State = {
    locals: workloadInit(spec),
    chans: spec.channels.map(() => []),
    red: Array.from({ length: spec.n }, () => false),
    recLocal: Array.from({ length: spec.n }, () => null),
    sentWhite: new Array<number>(C).fill(0),
    gotWhite: new Array<number>(C).fill(0),
    expect: new Array<number | null>(C).fill(null),
    recMsgs: spec.channels.map(() => []),
    orphan: false,
    phantom: false,
    lost: false,
  };
  return snapshotFacts(spec, opts, init, (s) => successors(spec, s), (t) => {
    if (!complete(spec, t)) return null;
    const inFlightPre = t.chans.some((c) => c.some((m) => m.kind === 'app' && m.white));
    return { star: appKey(spec, t.recLocal as Local[], t.recMsgs), consistent: !t.orphan && !t.phantom && !t.lost && !inFlightPre };
  });
}
