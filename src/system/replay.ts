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
  for (let i = 0; i < codes.length; i++) {
    if (i > 0 && ((events[i - 1] as number) & COMPLETED) !== 0) {
      cur = cur.slice();
      system.settle(cur);
    }
    const next = new Int32Array(system.width);
    const event = system.apply(cur, next, codes[i] as number);
    if (event < 0) return err('CC009', `step ${i + 1} is not enabled at that point of the trace`);
    states.push(next);
    events.push(event);
    cur = next;
  }
  return ok({ states, events });
}
