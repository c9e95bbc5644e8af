// What every command's flag parser shares: node:util's parseArgs (strict: an unknown flag is one usage line), flags
// that take a whole number, and the colour and progress switches.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Result, echo, err, ok } from '../errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
/** What parseArgs gives for these options, positionals allowed. */
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>;

/** `argv` parsed against `options`, positionals allowed; an unknown or malformed flag is CC007 pointing at `help`. */
export function parseFlags<const O extends Options>(argv: readonly string[], options: O, help: string): Result<Parsed<O>> {
  try {
    return ok(parseArgs({ args: [...argv], allowPositionals: true, options }));
  } catch (e) {
    return err('CC007', `${e instanceof Error ? e.message.split('\n')[0] : String(e)} (see '${help}')`);
  }
}

/** The output switches every command that searches takes: `--json`, and colour and progress on or off. */
export const OUTPUT_FLAGS = {
  json: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  progress: { type: 'boolean' },
  'no-progress': { type: 'boolean' },
} as const;

/** A flag's whole number from `min` to `max`, undefined when the flag is absent, or CC003 naming it. */
export const wholeFlag = (flag: string, text: string | undefined, min: number, max: number): Result<number | undefined> =>
  text === undefined
    ? ok(undefined)
    : /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max
      ? ok(Number(text))
      : err('CC003', `--${flag} takes a whole number from ${min} to ${max}, got ${echo(text)}`);

/** `--color`/`--no-color` and `--progress`/`--no-progress`: true, false, or undefined for the default. */
export const switchFlag = (values: { readonly [k: string]: unknown }, name: 'color' | 'progress'): boolean | undefined =>
  values[`no-${name}`] === true ? false : values[name] === true ? true : undefined;
