// Runs SPIN on a Promela model: spin -o2 -a, gcc -O2 -DSAFETY -DMEMLIM, ./pan -m<depth> -c0 under a timeout,
// and parses pan's statistics. Compile and search are timed separately; see NOTES.md for the flags chosen.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SpinOptions {
  /** Wall-clock limit on the search (not the compile); pan is sent SIGINT and reports partial stats. Default 300. */
  timeoutSec?: number;
  /** pan's -DMEMLIM in megabytes. Default 8192. */
  memMb?: number;
  /** pan -m: maximum search depth. Default 100,000 (these models are a few dozen steps deep; see depthTruncated). */
  depth?: number;
  /** pan -w: log2 of hash-table slots. Default: pan's own (-w24); SPIN suggests a larger one when it would help. */
  hashBits?: number;
  /** Stop at the first error (-c1) instead of counting them all and searching on (-c0, the default). */
  stopAtFirstError?: boolean;
  /**
   * Let spin hide write-only variables (its default). Off by default here: the recorded local state
   * (e.g. rleft, rhops) is the snapshot's output but no assertion reads it, so spin would drop it from
   * the state vector and explore a smaller, non-canonical state space. We pass -o2 unless this is set.
   */
  hideWriteOnly?: boolean;
  /** Extra gcc flags for pan, e.g. ['-DCOLLAPSE'] or ['-DHC4'] (not used by the benchmark; see NOTES.md). */
  ccFlags?: string[];
  /** Keep the temp dir (model, pan.c, pan) and return its path. */
  keep?: boolean;
}

export interface SpinResult {
  states: number;
  transitions: number;
  /** Wall-clock seconds of the search (./pan), measured around the process. */
  seconds: number;
  /** Peak memory pan reports ("total actual memory usage"), MB. */
  memoryMb: number;
  errors: number;
  timedOut: boolean;
  /** Seconds for spin -a plus gcc. */
  compileSeconds: number;
  /** pan's own "elapsed time" (search only, excludes process start-up). */
  panSeconds: number;
  depthReached: number;
  stateVectorBytes: number;
  /** pan stopped at -DMEMLIM. */
  outOfMemory: boolean;
  /** pan reached -m before finishing (results then incomplete). */
  depthTruncated: boolean;
  dir?: string;
}

function onPath(cmd: string): boolean {
  const r = spawnSync(cmd, ['--version'], { stdio: 'ignore' });
  return !(r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT');
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  timedOut: boolean;
}

function run(cmd: string, args: string[], cwd: string, timeoutSec?: number): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let kill: NodeJS.Timeout | undefined;
    const timer =
      timeoutSec === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGINT'); // pan catches SIGINT and prints its statistics
            kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
          }, timeoutSec * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      if (kill) clearTimeout(kill);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      resolve({ code, stdout, stderr, seconds, timedOut });
    });
  });
}

const num = (text: string, re: RegExp): number | undefined => {
  const m = re.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
};

/** Parses the statistics block pan prints at the end of a search (also after SIGINT or MEMLIM). */
export function parsePan(out: string): Omit<SpinResult, 'seconds' | 'timedOut' | 'compileSeconds' | 'dir'> {
  return {
    states: num(out, /^\s*([\d.e+]+) states, stored/m) ?? 0,
    transitions: num(out, /^\s*([\d.e+]+) transitions \(= stored\+matched\)/m) ?? 0,
    memoryMb: num(out, /^\s*([\d.]+)\s+total actual memory usage/m) ?? 0,
    errors: num(out, /errors: (\d+)/) ?? 0,
    panSeconds: num(out, /pan: elapsed time ([\d.e+]+) seconds/) ?? 0,
    depthReached: num(out, /depth reached (\d+)/) ?? 0,
    stateVectorBytes: num(out, /State-vector (\d+) byte/) ?? 0,
    outOfMemory: /out of memory|reached -DMEMLIM bound/.test(out),
    depthTruncated: /error: max search depth too small/.test(out),
  };
}

export async function runSpin(pml: string, opts: SpinOptions = {}): Promise<SpinResult | { unavailable: string }> {
  if (!onPath('spin')) return { unavailable: 'spin is not on PATH (apt-get install -y spin)' };
  if (!onPath('gcc')) return { unavailable: 'gcc is not on PATH' };
  const memMb = opts.memMb ?? 8192;
  const depth = opts.depth ?? 100_000;
  const dir = await mkdtemp(join(tmpdir(), 'cutcheck-spin-'));
  try {
    await writeFile(join(dir, 'model.pml'), pml);
    const c0 = process.hrtime.bigint();
    const gen = await run('spin', [...(opts.hideWriteOnly ? [] : ['-o2']), '-a', 'model.pml'], dir);
    if (gen.code !== 0) throw new Error(`spin -a failed:\n${gen.stdout}${gen.stderr}`);
    const cc = await run('gcc', ['-O2', '-DSAFETY', `-DMEMLIM=${memMb}`, ...(opts.ccFlags ?? []), '-o', 'pan', 'pan.c'], dir);
    if (cc.code !== 0) throw new Error(`gcc failed:\n${cc.stderr}`);
    const compileSeconds = Number(process.hrtime.bigint() - c0) / 1e9;

    const args = [`-m${depth}`, opts.stopAtFirstError ? '-c1' : '-c0'];
    if (opts.hashBits !== undefined) args.push(`-w${opts.hashBits}`);
    const pan = await run('./pan', args, dir, opts.timeoutSec ?? 300);
    const out = pan.stdout + pan.stderr;
    if (!/states, stored/.test(out)) {
      throw new Error(`pan printed no statistics (exit ${String(pan.code)}):\n${out.slice(-2000)}`);
    }
    const result: SpinResult = {
      ...parsePan(out),
      seconds: pan.seconds,
      timedOut: pan.timedOut,
      compileSeconds,
    };
    if (opts.keep) result.dir = dir;
    return result;
  } finally {
    if (!opts.keep) await rm(dir, { recursive: true, force: true });
  }
}
