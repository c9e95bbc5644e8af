// The `bank:B,K` workload of SEMANTICS.md: balances move one unit at a time; money is conserved.

import type { AppView, Workload } from '../model/types.ts';

export interface Account {
  readonly balance: number;
  /** Transfers this process may still make. */
  readonly left: number;
}
/** A transfer message carries an amount. */
export type Amount = number;

const total = (g: AppView<Account, Amount>): number =>
  g.locals.reduce((s, a) => s + a.balance, 0) + g.channels.reduce((s, c) => c.messages.reduce((t, m) => t + m, s), 0);

export function bank(balance: number, transfers: number): Workload<Account, Amount> {
  return {
    name: `bank:${balance},${transfers}`,
    init: () => ({ balance, left: transfers }),
    actions: (s, ctx) =>
      s.balance >= 1 && s.left >= 1
        ? ctx.out.map((to) => ({
            label: `transfer to P${to}`,
            next: { balance: s.balance - 1, left: s.left - 1 },
            sends: [{ to, msg: 1 }],
          }))
        : [],
    receive: (s, _from, amount) => ({ next: { balance: s.balance + amount, left: s.left } }),
    invariants: { conservation: (g) => total(g) === g.n * balance },
    stable: {
      quiescent: (g) => g.locals.every((a) => a.left === 0) && g.channels.every((c) => c.messages.length === 0),
    },
    show: {
      local: (s) => `balance ${s.balance}, ${s.left} left`,
      message: (m) => `$${m}`,
      state: (g) => `holds $${total(g)} in all; the bank started with $${g.n * balance}`,
    },
  };
}
