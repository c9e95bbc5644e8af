// Output files the CLI will write: checked, and their folders made, before any work starts, so that a typo in a
// path fails in a second rather than after a search of minutes.

import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Result, describeThrown, echo, err, ok } from '../errors.ts';

/** Makes `path`'s folder if it is missing and checks that `path` can be written; one line saying why not. */
export function prepareOutput(path: string): Result<string> {
  const full = resolve(path);
  try {
    if (statSync(full, { throwIfNoEntry: false })?.isDirectory() === true) return err('CC010', `cannot write ${echo(path)}: it is a folder`);
    const dir = dirname(full);
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return ok(full);
  } catch (e) {
    return err('CC010', `cannot write ${echo(path)}: ${describeThrown(e)}`);
  }
}
