// The built-in snapshot algorithms, by name. Adding one is a file beside this one and a line below.

import type { SnapshotAlgorithm } from './api.ts';
import { CL_VARIANTS, chandyLamport, chandyLamportVariant } from './chandy-lamport.ts';
import { LY_VARIANTS, laiYang, laiYangVariant } from './lai-yang.ts';
import { ABS_VARIANTS, abs, absVariant, atLeastOnce } from './abs.ts';
import { UNALIGNED_VARIANTS, unaligned, unalignedVariant } from './unaligned.ts';

export interface BuiltinAlgorithm {
  readonly algorithm: SnapshotAlgorithm;
  /** Shipped broken on purpose, to show what the checks catch. */
  readonly broken: boolean;
  /**
   * Its states never name a process and its handlers treat every process alike, so renaming processes maps its
   * executions onto executions (what symmetry reduction needs of an algorithm).
   */
  readonly symmetric: boolean;
  /** Message passing (markers, colours), or a dataflow job's barriers, triggered at the sources. */
  readonly family: 'message-passing' | 'dataflow';
}

const entries: BuiltinAlgorithm[] = [
  { algorithm: chandyLamport as SnapshotAlgorithm, broken: false, symmetric: true, family: 'message-passing' },
  ...CL_VARIANTS.map((v) => ({ algorithm: chandyLamportVariant(v) as SnapshotAlgorithm, broken: true, symmetric: true, family: 'message-passing' as const })),
  // Its states count messages per out-channel, in the order of each process's out-neighbours: not symmetric as is.
  { algorithm: laiYang as SnapshotAlgorithm, broken: false, symmetric: false, family: 'message-passing' },
  ...LY_VARIANTS.map((v) => ({ algorithm: laiYangVariant(v) as SnapshotAlgorithm, broken: true, symmetric: false, family: 'message-passing' as const })),
  // Barrier algorithms tell back-edges from other channels, which renaming processes need not preserve.
  { algorithm: abs as SnapshotAlgorithm, broken: false, symmetric: false, family: 'dataflow' },
  { algorithm: atLeastOnce as SnapshotAlgorithm, broken: false, symmetric: false, family: 'dataflow' },
  { algorithm: unaligned as SnapshotAlgorithm, broken: false, symmetric: false, family: 'dataflow' },
  ...ABS_VARIANTS.map((v) => ({ algorithm: absVariant(v) as SnapshotAlgorithm, broken: true, symmetric: false, family: 'dataflow' as const })),
  ...UNALIGNED_VARIANTS.map((v) => ({ algorithm: unalignedVariant(v) as SnapshotAlgorithm, broken: true, symmetric: false, family: 'dataflow' as const })),
];

const byName = new Map(entries.map((e) => [e.algorithm.name, e]));
const byValue = new Map(entries.map((e) => [e.algorithm, e]));

/** Every built-in algorithm's name, the correct ones first. */
export const BUILTIN_ALGORITHMS: readonly string[] = [...entries.filter((e) => !e.broken), ...entries.filter((e) => e.broken)].map((e) => e.algorithm.name);

/** The built-ins that are not broken on purpose. */
export const CORRECT_ALGORITHMS: readonly string[] = entries.filter((e) => !e.broken).map((e) => e.algorithm.name);

export const builtinAlgorithm = (name: string): BuiltinAlgorithm | undefined => byName.get(name);

/** The registry's entry for this very value, if it is a built-in (a user's algorithm of the same name is not). */
export const builtinEntry = (a: SnapshotAlgorithm): BuiltinAlgorithm | undefined => byValue.get(a);
