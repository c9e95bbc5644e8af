// A custom workload in a few lines: P0 pings each neighbour once; whoever is pinged answers with a pong.
import { complete, defineModel, type Workload } from 'cutcheck';

type Msg = 'ping' | 'pong';
interface Node { readonly pinged: boolean; readonly pongs: number }

const pingPong: Workload<Node, Msg> = {
  name: 'ping-pong',
  init: () => ({ pinged: false, pongs: 0 }),
  actions: (s, ctx) =>
    ctx.self === 0 && !s.pinged
      ? [{ label: 'ping all', next: { ...s, pinged: true }, sends: ctx.out.map((to) => ({ to, msg: 'ping' as const })) }]
      : [],
  receive: (s, from, msg) =>
    msg === 'ping' ? { next: s, sends: [{ to: from, msg: 'pong' }] } : { next: { ...s, pongs: s.pongs + 1 } },
  invariants: { 'no more pongs than pings': (g) => (g.locals[0]?.pongs ?? 0) <= g.n - 1 },
  stable: { 'all answered': (g) => g.locals[0]?.pongs === g.n - 1 },
};

export const expect = 'holds';
export default defineModel({ name: 'ping-pong', topology: complete(3), workload: pingPong });
