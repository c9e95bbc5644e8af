// The `token:H` workload of SEMANTICS.md: one token hops between processes until its hops run out.

import type { AppView, Workload } from '../model/types.ts';

export interface Holder {
  readonly holding: boolean;
  readonly hops: number;
}
/** The token in flight carries its remaining hops. */
export type Token = number;

const tokens = (g: AppView<Holder, Token>): number =>
  g.locals.filter((h) => h.holding).length + g.channels.reduce((s, c) => s + c.messages.length, 0);

export function token(hops: number): Workload<Holder, Token> {
  return {
    name: `token:${hops}`,
    init: (ctx) => (ctx.self === 0 ? { holding: true, hops } : { holding: false, hops: 0 }),
    actions: (s, ctx) =>
      s.holding && s.hops >= 1
        ? ctx.out.map((to) => ({ label: `pass to P${to}`, next: { holding: false, hops: 0 }, sends: [{ to, msg: s.hops - 1 }] }))
        : [],
    receive: (_s, _from, carried) => ({ next: { holding: true, hops: carried } }),
    invariants: { 'one-token': (g) => tokens(g) === 1 },
    stable: { retired: (g) => g.locals.some((h) => h.holding && h.hops === 0) },
    show: {
      local: (s) => (s.holding ? `holds token, ${s.hops} hops` : 'idle'),
      message: (m) => `token(${m})`,
      state: (g) => `${tokens(g)} token${tokens(g) === 1 ? '' : 's'} in all`,
    },
  };
}
