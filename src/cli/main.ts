// The `cutcheck` command: parses arguments, loads models, runs verify, prints reports. The only module
// that touches the terminal. Exit codes: 0 holds, 1 violated, 2 bad input or usage, 3 incomplete.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatError, type CutcheckError } from '../errors.ts';
import { verify } from '../check/verify.ts';
import type { VerifyResult } from '../check/result.ts';
import { report, ansiStyle, plainStyle, type Style } from '../report/text.ts';
import { toJson } from '../report/json.ts';
import { parseCommand, USAGE, type VerifyArgs } from './args.ts';
import { buildSpec, loadModelFile, type Loaded } from './load.ts';
import { progressLine } from './progress.ts';

export const EXIT = { holds: 0, violated: 1, usage: 2, incomplete: 3 } as const;

/** The bundled examples `npm start` runs, each with the verdict it must reach. */
export const EXAMPLES = ['writeup.ts', 'bank-fifo.ts', 'bank-unordered.ts'];

const out = (s: string): void => void process.stdout.write(`${s}\n`);
const fail = (e: CutcheckError): number => {
  process.stderr.write(`${formatError(e)}\n`);
  return EXIT.usage;
};

const styleFor = (color: boolean | undefined): Style =>
  (color ?? (process.stdout.isTTY && process.env['NO_COLOR'] === undefined)) ? ansiStyle : plainStyle;

const exitFor = (r: VerifyResult): number => EXIT[r.verdict];

async function runVerify(args: VerifyArgs): Promise<number> {
  const loaded: (Loaded | null)[] = [];
  for (const f of args.files) {
    const l = await loadModelFile(f);
    if (!l.ok) return fail(l.error);
    loaded.push(l.value);
  }
  if (loaded.length === 0) loaded.push(null);
  if (args.json && loaded.length > 1) return fail({ code: 'CC007', message: '--json takes one model at a time' });
  const style = styleFor(args.color);
  let code = 0;
  for (const base of loaded) {
    const spec = buildSpec(base, args);
    if (!spec.ok) return fail(spec.error);
    const progress = progressLine(process.stderr, args.progress ?? process.stderr.isTTY === true);
    const r = verify(spec.value, {
      stopAtFirst: !args.continue,
      ...(args.maxStates !== undefined ? { maxStates: args.maxStates } : {}),
      ...(args.capacity !== undefined ? { capacity: args.capacity } : {}),
      onProgress: progress.update,
    });
    progress.clear();
    if (!r.ok) return fail(r.error);
    out(args.json ? JSON.stringify(toJson(r.value), null, 2) : report(r.value, style));
    code = Math.max(code, exitFor(r.value));
  }
  return code;
}

async function runExamples(color: boolean | undefined): Promise<number> {
  const style = styleFor(color);
  const dir = fileURLToPath(new URL('../../models/', import.meta.url));
  let mismatches = 0;
  for (const file of EXAMPLES) {
    const l = await loadModelFile(`${dir}${file}`);
    if (!l.ok) return fail(l.error);
    const spec = buildSpec(l.value, { command: 'verify', files: [], continue: false, json: false, color, progress: false });
    if (!spec.ok) return fail(spec.error);
    const progress = progressLine(process.stderr, process.stderr.isTTY === true);
    const r = verify(spec.value, { onProgress: progress.update });
    progress.clear();
    if (!r.ok) return fail(r.error);
    out(report(r.value, style));
    const expected = l.value.expect ?? 'holds';
    const as = r.value.verdict === expected;
    if (!as) mismatches++;
    out(`  expected: ${expected} ${as ? style.ok('(as expected)') : style.bad('(NOT as expected)')}\n`);
  }
  out(mismatches === 0 ? style.ok(`${EXAMPLES.length} bundled models, every verdict as expected.`) : style.bad(`${mismatches} bundled model(s) did not reach the expected verdict.`));
  return mismatches === 0 ? 0 : 1;
}

export async function main(argv: readonly string[]): Promise<number> {
  const cmd = parseCommand(argv);
  if (!cmd.ok) return fail(cmd.error);
  switch (cmd.value.command) {
    case 'help':
      out(USAGE);
      return 0;
    case 'version': {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      out(pkg.version);
      return 0;
    }
    case 'examples':
      return runExamples(cmd.value.color);
    case 'verify':
      return runVerify(cmd.value);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      // Only a bug in cutcheck itself gets here; say so in one line and keep the stack for a bug report.
      process.stderr.write(`cutcheck: internal error: ${e instanceof Error ? e.message : String(e)} (run with CUTCHECK_DEBUG=1 for the stack)\n`);
      if (process.env['CUTCHECK_DEBUG'] !== undefined && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
      process.exitCode = 70;
    },
  );
}
