// `verify --cuts-out FILE.jsonl`: every distinct recorded cut, one JSON object per line, written as the search hands
// them over (after it ends, one at a time), so that a run with many cuts never holds them all.

import { closeSync, openSync, writeSync } from 'node:fs';
import { type Result, describeThrown, echo, err, ok } from '../errors.ts';
import type { ModelSpec } from '../model/types.ts';
import type { RecordedCut } from '../check/result.ts';
import { recordedCutJson } from '../report/json.ts';
import { stepLists } from '../trace/api.ts';

export interface CutsOut {
  /** Give it to verify as `onCut`. */
  readonly onCut: (c: RecordedCut) => void;
  /** Closes the file: the cuts written, or the first failure (of writing, or of writing a witness). */
  finish(): Result<number>;
}

export function cutsOut(path: string, spec: ModelSpec<unknown, unknown>): Result<CutsOut> {
  const steps = stepLists(spec);
  if (!steps.ok) return steps;
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    return err('CC010', `cannot write ${echo(path)}: ${describeThrown(e)}`);
  }
  let written = 0;
  let failure: Result<never> | null = null;
  return ok({
    onCut(c) {
      if (failure !== null) return;
      const witness = steps.value(c.witness.codes, c.witness.track);
      if (!witness.ok) {
        failure = witness;
        return;
      }
      try {
        writeSync(fd, `${JSON.stringify(recordedCutJson(c, spec.topology, witness.value))}\n`);
        written++;
      } catch (e) {
        failure = err('CC010', `cannot write ${echo(path)}: ${describeThrown(e)}`);
      }
    },
    finish() {
      try {
        closeSync(fd);
      } catch (e) {
        failure ??= err('CC010', `cannot write ${echo(path)}: ${describeThrown(e)}`);
      }
      return failure ?? ok(written);
    },
  });
}
