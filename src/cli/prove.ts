// `cutcheck prove THEOREM...`: discharges bounded theorems over every small digraph (prove/), compares each with its
// certificate in proofs/certificates/, and, with --update, writes the certificates again. Exit 0 when every theorem
// is proved and every certificate agrees, 1 when one is refuted or a certificate differs, 3 when one is undecided.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { type Result, describeThrown, echo, err, ok } from '../errors.ts';
import { builtinAlgorithm, BUILTIN_ALGORITHMS } from '../snapshot/registry.ts';
import { parseTheorems, type Theorem } from '../prove/theorems.ts';
import { prove, type Proof, type ProveOptions } from '../prove/prove.ts';
import { certificateOf, certificateText, checkCertificate, parseCertificate } from '../prove/certificate.ts';
import { proofJson, proofText, proveJson, type CertificateStatus } from '../report/prove.ts';
import type { Style } from '../report/text.ts';
import { prepareOutput } from './output.ts';
import { OUTPUT_FLAGS, parseFlags, switchFlag, wholeFlag } from './flags.ts';
import { loadModelFile } from './load.ts';
import { algorithmSpecOf } from '../model/define.ts';
import type { AlgorithmSpec } from '../model/types.ts';
import { VISITED_CAPACITY } from '../check/verify.ts';

export interface ProveArgs {
  readonly command: 'prove';
  /** Theorem ids, or `all`. */
  readonly theorems: readonly string[];
  readonly file?: string;
  readonly certificates?: string;
  readonly update: boolean;
  readonly maxProcesses?: number;
  readonly sample?: number;
  readonly seed: number;
  readonly algorithm?: string;
  /** `--model FILE`: the algorithm of the user's model file in place of the theorem's. */
  readonly model?: string;
  readonly maxStates?: number;
  readonly list: boolean;
  readonly json: boolean;
  readonly color: boolean | undefined;
  readonly progress: boolean | undefined;
}

export const PROVE_USAGE = `  cutcheck prove THEOREM... | all [flags]
                           discharge bounded theorems over every digraph on up to 4 processes (up to
                           isomorphism), and compare each with its certificate
  --list                   list the theorems of the theorem file and stop (with --json, as the file holds them)
  --theorems FILE          the theorem file (default: cutcheck's own proofs/theorems.json)
  --certificates DIR       where the certificates are (default: certificates/ beside the theorem file)
  --update                 write each certificate again from what was found (npm run prove does)
  --processes N            only graphs of at most N processes
  --sample K               every graph of up to 3 processes, and K of the 4-process ones drawn with --seed
  --seed S                 the sample's seed (default 1)
  -a, --algorithm NAME     run the theorem with another built-in algorithm (a variant broken on purpose,
                           e.g. chandy-lamport/no-forwarding, to see it fail); certificates are not compared
  --model MODEL.ts         run the theorem with the algorithm a model file defines (defineAlgorithm), in
                           place of the theorem's; the file's topology and workload are not used
  --max-states N           the bound on each row's search (default 5,000,000); a row that reaches it is undecided
  --json                   one object, kind prove, with every row (docs/schema/prove.schema.json)
  --handler-timeout S      with --model: seconds one of the model's handlers may run before the run stops,
                           naming it (default 10)
  Ctrl-C:                  stops, and prints the rows found so far (exit 3); a second Ctrl-C stops at once
  exit codes: 0 every theorem proved and every certificate agrees, 1 a theorem refuted or a certificate
              differs, 2 bad input, 3 a theorem undecided (a row reached the bound)`;

export function parseProveArgs(argv: readonly string[]): Result<ProveArgs> {
  const flags = parseFlags(
    argv,
    {
      list: { type: 'boolean' },
      theorems: { type: 'string' },
      certificates: { type: 'string' },
      update: { type: 'boolean' },
      processes: { type: 'string' },
      sample: { type: 'string' },
      seed: { type: 'string' },
      algorithm: { type: 'string', short: 'a' },
      model: { type: 'string' },
      // Read by the supervisor (supervise.ts), as for every command that may run a model's code.
      'handler-timeout': { type: 'string' },
      'max-states': { type: 'string' },
      ...OUTPUT_FLAGS,
    },
    'cutcheck prove --help',
  );
  if (!flags.ok) return flags;
  const parsed = flags.value;
  const v = parsed.values;
  if (parsed.positionals.length === 0 && v.list !== true) return err('CC007', `'prove' takes the theorems to prove, or all, e.g. cutcheck prove cl-fifo (cutcheck prove --list names them)`);
  const processes = wholeFlag('processes', v.processes, 1, 5);
  if (!processes.ok) return processes;
  const sample = wholeFlag('sample', v.sample, 0, 10_000);
  if (!sample.ok) return sample;
  const seed = wholeFlag('seed', v.seed, 0, 2 ** 31 - 1);
  if (!seed.ok) return seed;
  const maxStates = wholeFlag('max-states', v['max-states'], 1, VISITED_CAPACITY);
  if (!maxStates.ok) return maxStates;
  if (v.algorithm !== undefined && builtinAlgorithm(v.algorithm) === undefined)
    return err('CC007', `unknown algorithm ${echo(v.algorithm)} for --algorithm; the built-in ones are ${BUILTIN_ALGORITHMS.filter((a) => !a.includes('/')).join(', ')}, and their variants broken on purpose ('cutcheck help algorithms')`);
  if (v.algorithm !== undefined && v.model !== undefined) return err('CC007', `--algorithm and --model each name the algorithm to run; give one`);
  if (v.update === true && (v.algorithm !== undefined || v.model !== undefined || processes.value !== undefined || sample.value !== undefined))
    return err('CC007', `--update writes whole certificates of the theorem's own algorithm: it cannot be combined with --algorithm, --model, --processes or --sample`);
  const timeout = wholeFlag('handler-timeout', v['handler-timeout'], 1, 86_400);
  if (!timeout.ok) return timeout;
  return ok({
    command: 'prove',
    theorems: parsed.positionals,
    ...(v.theorems === undefined ? {} : { file: v.theorems }),
    ...(v.certificates === undefined ? {} : { certificates: v.certificates }),
    update: v.update === true,
    ...(processes.value === undefined ? {} : { maxProcesses: processes.value }),
    ...(sample.value === undefined ? {} : { sample: sample.value }),
    seed: seed.value ?? 1,
    ...(v.algorithm === undefined ? {} : { algorithm: v.algorithm }),
    ...(v.model === undefined ? {} : { model: v.model }),
    ...(maxStates.value === undefined ? {} : { maxStates: maxStates.value }),
    list: v.list === true,
    json: v.json === true,
    color: switchFlag(v, 'color'),
    progress: switchFlag(v, 'progress'),
  });
}

/** cutcheck's own theorem file, beside the package's proofs/ (the same from src/ and from dist/). */
export const DEFAULT_THEOREMS = new URL('../../proofs/theorems.json', import.meta.url).pathname;

function readText(path: string, what: string): Result<string> {
  try {
    return ok(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    return err('CC010', `${what} ${echo(path)} ${code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read: ${describeThrown(e)}`}`);
  }
}

/** The theorems the command line names, from its theorem file. */
export function selectTheorems(args: ProveArgs): Result<Theorem[]> {
  const file = args.file ?? DEFAULT_THEOREMS;
  const text = readText(file, 'theorem file');
  if (!text.ok) return text;
  const all = parseTheorems(text.value, args.file ?? 'proofs/theorems.json');
  if (!all.ok || args.list || args.theorems.includes('all')) return all;
  const picked: Theorem[] = [];
  for (const id of args.theorems) {
    const t = all.value.find((x) => x.id === id);
    if (t === undefined) return err('CC007', `no theorem ${echo(id)} in ${echo(args.file ?? 'proofs/theorems.json')}; its theorems are ${all.value.map((x) => x.id).join(', ')}`);
    picked.push(t);
  }
  return ok(picked);
}

/** Compares the proof with its certificate file, and writes the file when asked to. */
function settleCertificate(args: ProveArgs, proof: Proof): Result<CertificateStatus> {
  if (args.algorithm !== undefined) return ok({ kind: 'skipped', why: `--algorithm ${args.algorithm} is not the theorem's algorithm` });
  if (args.model !== undefined) return ok({ kind: 'skipped', why: `${proof.algorithm}, from ${args.model}, is not the theorem's algorithm` });
  if (args.update && (proof.outcome === 'undecided' || proof.partial))
    return ok({ kind: 'skipped', why: `${proof.partial ? 'a proof cut short' : 'an undecided proof'} is not certified` });
  const dir = args.certificates ?? join(dirname(args.file ?? DEFAULT_THEOREMS), 'certificates');
  const path = join(dir, `${proof.theorem.id}.json`);
  const shown = relative(process.cwd(), resolve(path)) || path;
  const write = (): Result<void> => {
    const out = prepareOutput(path);
    if (!out.ok) return out;
    try {
      writeFileSync(out.value, certificateText(certificateOf(proof)));
      return ok(undefined);
    } catch (e) {
      return err('CC010', `cannot write ${echo(path)}: ${describeThrown(e)}`);
    }
  };
  if (!existsSync(path)) {
    if (!args.update) return ok({ kind: 'missing', file: shown });
    const w = write();
    return w.ok ? ok({ kind: 'written', file: shown }) : w;
  }
  const text = readText(path, 'certificate');
  if (!text.ok) return text;
  const stored = parseCertificate(text.value, shown);
  if (!stored.ok) return stored;
  const check = checkCertificate(stored.value, proof);
  if (check.differences.length === 0) return ok({ kind: 'agrees', file: shown, check });
  if (args.update) {
    const w = write();
    if (!w.ok) return w;
  }
  return ok({ kind: 'differs', file: shown, check, written: args.update });
}

export interface ProveIo {
  readonly out: (s: string) => void;
  /** Takes a progress line ('' once a theorem is done, to clear it), or null for none. */
  readonly progress: ((s: string) => void) | null;
  readonly interrupted: () => boolean;
}

/** The algorithm a model file defines, for --model: its algorithm value, or the built-in it names. */
async function algorithmOf(path: string): Promise<Result<AlgorithmSpec['kind']>> {
  const loaded = await loadModelFile(path);
  if (!loaded.ok) return loaded;
  const a = loaded.value.algorithm;
  if (a === undefined) return err('CC005', `model file ${echo(path)} defines no algorithm; export a model whose algorithm is yours (algorithm: { kind: myAlgorithm })`);
  const spec = algorithmSpecOf(a);
  return ok(spec.variant === undefined || typeof spec.kind !== 'string' ? spec.kind : `${spec.kind}/${spec.variant}`);
}

export async function runProveCommand(args: ProveArgs, style: Style, io: ProveIo): Promise<Result<number>> {
  const theorems = selectTheorems(args);
  if (!theorems.ok) return theorems;
  if (args.list) {
    if (args.json) io.out(JSON.stringify({ theorems: theorems.value }, null, 2));
    else for (const t of theorems.value) io.out(`${style.bold(t.id.padEnd(18))} ${t.title}`);
    return ok(0);
  }
  const own = args.model === undefined ? null : await algorithmOf(args.model);
  if (own !== null && !own.ok) return own;
  const algorithm = own?.value ?? args.algorithm;
  let code = 0;
  const json: object[] = [];
  for (const t of theorems.value) {
    let last = 0;
    const options: ProveOptions = {
      ...(args.maxProcesses === undefined ? {} : { maxProcesses: args.maxProcesses }),
      ...(args.sample === undefined ? {} : { sample: { from: 4, count: args.sample, seed: args.seed } }),
      ...(algorithm === undefined ? {} : { algorithm }),
      ...(args.maxStates === undefined ? {} : { maxStates: args.maxStates }),
      interrupt: io.interrupted,
      onRow: (row, done, total) => {
        const now = performance.now();
        if (io.progress === null || now - last < 500) return;
        last = now;
        io.progress(`[prove] ${t.id}: ${done}/${total} rows, at ${row.graph} ${row.workload}`);
      },
    };
    const p = prove(t, options);
    io.progress?.('');
    if (!p.ok) return p;
    const cert = settleCertificate(args, p.value);
    if (!cert.ok) return cert;
    if (args.json) json.push(proofJson(p.value, cert.value));
    else io.out(`${t === theorems.value[0] ? '' : '\n'}${proofText(p.value, cert.value, style)}`);
    const here = p.value.outcome === 'refuted' || cert.value.kind === 'differs' ? 1 : p.value.outcome === 'undecided' ? 3 : 0;
    code = code === 1 || here === 1 ? 1 : Math.max(code, here);
    if (io.interrupted()) break;
  }
  if (args.json) io.out(JSON.stringify(proveJson(json), null, 2));
  return ok(code);
}
