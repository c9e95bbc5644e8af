// Re-executes a list of step codes from the initial state, as TLC rebuilds traces from fingerprints.
// Returns every state along the way (the state after a completing step is kept before `settle`).

import { type Result, ok, err } from '../errors.ts';
import { COMPLETED, type ProductSystem } from './system.ts';

export interface Replayed {
  /** states[0] is the initial state; states[i] the state after step i (raw, before settle). */
  readonly states: readonly Int32Array[];
  readonly events: readonly number[];
}

export function replayCodes(system: ProductSystem, codes: readonly number[]): Result<Replayed> {
  const first = new Int32Array(system.width);
  system.initial(first);
  const states: Int32Array[] = [first];
  const events: number[] = [];
  let cur = first;
  for (const [i, code] of codes.entries()) {
    const next = new Int32Array(system.width);
    const event = system.apply(cur, next, code);
    if (event < 0) return err('CC009', `step ${i + 1} is not enabled at that point of the trace`);
    states.push(next);
    events.push(event);
    cur = next;
    // The next step starts from the settled state; the completing one is kept as it was.
    if ((event & COMPLETED) !== 0) {
      cur = next.slice();
      system.settle(cur);
    }
  }
  return ok({ states, events });
}
