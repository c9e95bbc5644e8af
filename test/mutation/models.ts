// The small models the mutation-testing suite builds: from a topology string and a workload string, with whatever
// else a test sets. A parse error or a refused model throws with its code, so a test never runs on a model it did
// not mean.
import { parseTopology, parseWorkload, type ModelSpec, type Result, type Workload } from '../../src/index.ts';

export const must = <T,>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
};
export const topology = (t: string) => must(parseTopology(t));
export const workload = (w: string) => must(parseWorkload(w));

export const model = (t: string, w: string, more: Partial<ModelSpec<unknown, unknown>> = {}): ModelSpec<unknown, unknown> => ({
  name: `${w} on ${t}`,
  topology: topology(t),
  workload: workload(w),
  ...more,
});

/** A model running `algorithm` on channels of one discipline. */
export const modelWith = (
  t: string,
  w: string,
  algorithm: NonNullable<ModelSpec<unknown, unknown>['algorithm']>,
  discipline: 'fifo' | 'unordered' = 'fifo',
): ModelSpec<unknown, unknown> => model(t, w, { network: { discipline }, algorithm });

/** A workload that keeps the contract: P0 sends one message to P1, which takes it; tests break it a piece at a time. */
export const sender: Workload<unknown, unknown> = {
  name: 'w',
  init: () => 0,
  actions: (s, ctx) => (ctx.self === 0 && s === 0 ? [{ label: 'go', next: 1, sends: [{ to: 1, msg: 'm' }] }] : []),
  receive: () => ({ next: 2 }),
};
