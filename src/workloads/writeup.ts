// The two-process example of the Chandy-Lamport write-up: P1 initiates, P2 sends M before the marker arrives,
// and the snapshot holds P1's state, P2's state after sending M, and M in the channel P2 → P1.

import type { ModelSpec, Workload } from '../model/types.ts';

/** Each process holds three variables, as in the write-up's figures. */
export interface Vars {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}
export interface Msg {
  readonly name: 'M';
  readonly value: number;
}

/** P2 (process 1) may send M once, moving its x into the message; P1 adds what it receives to its x. */
export const writeupWorkload: Workload<Vars, Msg> = {
  name: 'writeup',
  init: (ctx) => (ctx.self === 0 ? { x: 1, y: 2, z: 3 } : { x: 4, y: 5, z: 6 }),
  actions: (s, ctx) =>
    ctx.self === 1 && s.z === 6
      ? [{ label: 'send M', next: { x: 0, y: s.y, z: 7 }, sends: [{ to: 0, msg: { name: 'M', value: s.x } }] }]
      : [],
  receive: (s, _from, m) => ({ next: { x: s.x + m.value, y: s.y, z: s.z } }),
  invariants: { 'x is conserved': (g) => g.locals.reduce((t, v) => t + v.x, 0) + g.channels.reduce((t, c) => c.messages.reduce((u, m) => u + m.value, t), 0) === 5 },
  stable: { 'M delivered': (g) => g.locals[0]?.x === 5 },
  show: { local: (s) => `X=${s.x} Y=${s.y} Z=${s.z}`, message: (m) => `${m.name}(${m.value})` },
};

export const writeupModel: ModelSpec<Vars, Msg> = {
  name: 'write-up example (P1, P2)',
  topology: { n: 2, channels: [{ from: 0, to: 1 }, { from: 1, to: 0 }], names: ['P1', 'P2'], spec: 'edges:0>1,1>0' },
  workload: writeupWorkload,
  network: { discipline: 'fifo' },
  algorithm: { kind: 'chandy-lamport', initiators: [0] },
};
