// assertVerified(): verify() for test suites. verify returns a result; this checks it and throws with the
// full report, as fast-check's assert does over check.

import type { ModelSpec } from '../model/types.ts';
import { formatError } from '../errors.ts';
import { report } from '../report/text.ts';
import type { VerifyResult } from '../check/result.ts';
import { verify, type VerifyOptions } from '../check/verify.ts';

export function assertVerified<S, M>(spec: ModelSpec<S, M>, options: VerifyOptions = {}): VerifyResult {
  const r = verify(spec, options);
  if (!r.ok) throw new Error(formatError(r.error));
  if (r.value.verdict !== 'holds') throw new Error(`cutcheck: the model does not verify\n${report(r.value)}`);
  return r.value;
}
