// Reading the result files one cutcheck process writes for another (a shard's, a simulation member's): the file's text
// once, its JSON checked for its kind and schema version, and the small checks of fields they share. A problem is one
// CC014 line naming the file.

import { readFileSync } from 'node:fs';
import { type Result, describeThrown, echo, err, ok } from '../errors.ts';
import { SCHEMA_VERSION } from '../report/json.ts';

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
/** A 64-bit fingerprint as result files write it. */
export const HEX = /^[0-9a-f]{16}$/;

/** A result file as read: its path (as given) and its text. */
export interface ResultText {
  readonly path: string;
  readonly text: string;
}

/** A result file's text; CC010 when it cannot be read. */
export function readResultText(path: string): Result<ResultText> {
  try {
    return ok({ path, text: readFileSync(path, 'utf8') });
  } catch (e) {
    return err('CC010', `cannot read ${echo(path)}: ${describeThrown(e)}`);
  }
}

/** The `kind` a result's text names, or null when it is not a JSON object with one. */
export function kindOf(text: string): string | null {
  try {
    const j = JSON.parse(text) as unknown;
    return isObject(j) && typeof j['kind'] === 'string' ? j['kind'] : null;
  } catch {
    return null;
  }
}

/** A result's JSON object, of kind `kind` and this schema version; `writtenBy` says which command writes such a file. */
export function resultObject(r: ResultText, kind: string, writtenBy: string): Result<Record<string, unknown>> {
  const bad = (what: string): Result<never> => err('CC014', `${echo(r.path)}: ${what}`);
  let j: unknown;
  try {
    j = JSON.parse(r.text);
  } catch (e) {
    return bad(`not JSON (${describeThrown(e)})`);
  }
  if (!isObject(j) || j['kind'] !== kind) return bad(`not ${writtenBy}`);
  if (j['schemaVersion'] !== SCHEMA_VERSION) return bad(`written with schema version ${String(j['schemaVersion'])}; this cutcheck reads version ${SCHEMA_VERSION}`);
  return ok(j);
}
