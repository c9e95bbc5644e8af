// Parses workload strings (`bank:2,2`, `token:4`, `writeup`) into built-in workloads.

import { type Result, ok, err } from '../errors.ts';
import type { Workload } from '../model/types.ts';
import { bank } from './bank.ts';
import { records } from './records.ts';
import { token } from './token.ts';
import { writeupWorkload } from './writeup.ts';

export const WORKLOAD_FORMS = 'bank:B,K (e.g. bank:2,2), token:H (e.g. token:4), writeup, records:K (a dataflow job: K records per source, e.g. records:2)';
const MAX_PARAM = 1000;

const num = (text: string, whole: string, what: string): Result<number> =>
  /^\d+$/.test(text) && Number(text) <= MAX_PARAM
    ? ok(Number(text))
    : err('CC002', `'${whole}': ${what} must be a whole number from 0 to ${MAX_PARAM}, got '${text}'`);

export function parseWorkload(text: string): Result<Workload<unknown, unknown>> {
  const t = text.trim();
  if (t === 'writeup') return ok(writeupWorkload as Workload<unknown, unknown>);
  const m = /^([a-z]+):(.*)$/.exec(t);
  if (m === null) return err('CC002', `'${text}' is not a workload; expected one of ${WORKLOAD_FORMS}`);
  const [, kind = '', arg = ''] = m;
  const parts = arg.split(',');
  if (kind === 'bank') {
    if (parts.length !== 2) return err('CC002', `'${text}': bank takes two numbers, balance and transfers, e.g. bank:2,2`);
    const b = num(parts[0] ?? '', t, 'the balance');
    if (!b.ok) return b;
    const k = num(parts[1] ?? '', t, 'the number of transfers');
    if (!k.ok) return k;
    return ok(bank(b.value, k.value) as Workload<unknown, unknown>);
  }
  if (kind === 'token') {
    if (parts.length !== 1) return err('CC002', `'${text}': token takes one number, the hops, e.g. token:4`);
    const h = num(parts[0] ?? '', t, 'the number of hops');
    if (!h.ok) return h;
    return ok(token(h.value) as Workload<unknown, unknown>);
  }
  if (kind === 'records') {
    if (parts.length !== 1) return err('CC002', `'${text}': records takes one number, the records per source, e.g. records:2`);
    const k = num(parts[0] ?? '', t, 'the number of records per source');
    if (!k.ok) return k;
    return ok(records(k.value) as Workload<unknown, unknown>);
  }
  return err('CC002', `unknown workload '${kind}' in '${text}'; expected one of ${WORKLOAD_FORMS}`);
}
