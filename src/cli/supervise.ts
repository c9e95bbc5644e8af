// The CLI's supervisor. A command that runs user code (a model file's top level, its handlers and predicates) runs in
// a worker thread, and the main thread watches it: the search is synchronous, so only another thread can
//  - hear Ctrl-C and ask the search to stop, so that the partial report and the files are still written
//    (a second Ctrl-C stops at once, exit 130);
//  - notice a handler that has run longer than --handler-timeout (one that loops forever, say), name it and the
//    process it ran at, stop the run, and exit 2;
//  - tell a model whose import never settles from a run that ended without a verdict.

import { Worker } from 'node:worker_threads';
import { type CutcheckError, formatError } from '../errors.ts';
import { errorJson } from '../report/json.ts';

/** Exit codes the supervisor itself decides (the rest come from the command). */
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;
export const EXIT_SIGINT = 130;

/** Default --handler-timeout, in seconds. Handlers are memoised and small; ten seconds in one call is a hang. */
export const DEFAULT_HANDLER_TIMEOUT_S = 10;

/** What the worker tells the supervisor. */
export type WorkerNote =
  | { readonly kind: 'name'; readonly id: number; readonly text: string }
  | { readonly kind: 'loading'; readonly file: string | null }
  | { readonly kind: 'done'; readonly code: number };

export interface WorkerData {
  readonly argv: readonly string[];
  /** [entries and exits, running call's name id] (see system/watch.ts). */
  readonly watch: SharedArrayBuffer;
  /** [interrupt requested]. */
  readonly control: SharedArrayBuffer;
  readonly tty: { readonly out: boolean; readonly err: boolean };
}

/** The code each worker starts with: register tsx when running from sources, then hand over to the CLI. */
const BOOT = `const { workerData } = require('node:worker_threads');
(workerData.tsx === null ? Promise.resolve() : import(workerData.tsx).then((m) => m.register()))
  .then(() => import(workerData.entry))
  .then((m) => m.workerMain(workerData.data));`;

/** The value of --handler-timeout on a command line, in ms (the command's own parser reports a malformed one). */
export function handlerTimeoutMs(argv: readonly string[]): number {
  const i = argv.findIndex((a) => a === '--handler-timeout' || a.startsWith('--handler-timeout='));
  const text = i < 0 ? undefined : argv[i]?.includes('=') ? argv[i]?.split('=')[1] : argv[i + 1];
  const s = text !== undefined && /^\d+$/.test(text) ? Number(text) : DEFAULT_HANDLER_TIMEOUT_S;
  return Math.max(1, s) * 1000;
}

/** Runs the CLI in a worker thread at `entry` (main.ts or main.js) and supervises it; exits the process at the end. */
export function supervise(argv: readonly string[], entry: string, tsx: string | null): void {
  // A reader that stops early (`cutcheck ... | head`) closes the pipe: the rest of the output is dropped, quietly, and
  // the command still ends with its own exit code.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  const watch = new SharedArrayBuffer(8);
  const control = new SharedArrayBuffer(4);
  const cells = new Int32Array(watch);
  const interrupt = new Int32Array(control);
  const data: WorkerData = { argv, watch, control, tty: { out: process.stdout.isTTY === true, err: process.stderr.isTTY === true } };
  const worker = new Worker(BOOT, { eval: true, workerData: { tsx, entry, data }, execArgv: [] });
  const names = new Map<number, string>();
  let loading: string | null = null;
  let code: number | null = null;
  let ending = false;
  const timeout = handlerTimeoutMs(argv);

  const exit = (exitCode: number): void => void process.stdout.write('', () => process.stderr.write('', () => process.exit(exitCode)));
  /** Stops now: the run failed, hung or was stopped; what the worker was doing does not matter any more. */
  const finish = (exitCode: number, line?: string): void => {
    if (ending) return;
    ending = true;
    clearInterval(watchdog);
    if (line !== undefined) process.stderr.write(`${line}\n`);
    void worker.terminate().then(() => exit(exitCode));
  };
  /**
   * The command is done: the worker exits by itself, its output drained first, and the process exits with the
   * code. A worker kept alive by something the model left running (a timer) is ended after a second.
   */
  const done = (): void => {
    clearInterval(watchdog);
    setTimeout(() => void worker.terminate(), 1000).unref();
  };
  const fail = (e: CutcheckError): void => {
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(errorJson(e), null, 2)}\n`);
    finish(EXIT_USAGE, formatError(e));
  };

  worker.on('message', (m: WorkerNote) => {
    if (m.kind === 'name') names.set(m.id, m.text);
    else if (m.kind === 'loading') loading = m.file;
    else {
      code = m.code;
      done();
    }
  });
  worker.on('error', (e: unknown) => {
    const text = e instanceof Error ? e.message.split('\n')[0] : 'an unknown failure';
    finish(EXIT_INTERNAL, `cutcheck: internal error (a bug in cutcheck, please report it): ${text} (run with CUTCHECK_DEBUG=1 for the stack)`);
    if (process.env['CUTCHECK_DEBUG'] !== undefined && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
  });
  worker.on('exit', () => {
    if (ending) return;
    if (code !== null) {
      ending = true;
      exit(code);
      return;
    }
    if (loading !== null)
      fail({ code: 'CC004', message: `model file '${loading}' never finished loading: its top-level code awaits a promise that never settles` });
    else finish(EXIT_INTERNAL, 'cutcheck: internal error (a bug in cutcheck, please report it): the command ended without a verdict');
  });

  // The watchdog: the same call (same entry count, a name id set) seen for longer than the timeout is a hang.
  let seen = -1;
  let since = performance.now();
  const watchdog = setInterval(() => {
    const count = Atomics.load(cells, 0);
    const id = Atomics.load(cells, 1);
    const now = performance.now();
    if (count !== seen || (id < 0 && loading === null)) {
      [seen, since] = [count, now];
      return;
    }
    // A model file's top level gets three times as long: compiling it takes time of its own.
    const limit = id < 0 ? 3 * timeout : timeout;
    if (now - since < limit) return;
    // The worker announces a name before it publishes its id, but the announcement is a message: on a starved main
    // thread this timer can run before the message is taken. Wait for the name, which is already on its way.
    if (id >= 0 && !names.has(id)) return;
    const what = id >= 0 ? (names.get(id) as string) : `model file '${loading}' (its top-level code)`;
    fail({ code: 'CC006', message: `${what} has run for more than ${Math.round(limit / 1000)} s without returning; it may loop forever (raise --handler-timeout if it is only slow)` });
  }, 100);

  process.on('SIGINT', () => {
    if (Atomics.load(interrupt, 0) !== 0) {
      finish(EXIT_SIGINT, 'cutcheck: stopped');
      return;
    }
    Atomics.store(interrupt, 0, 1);
    process.stderr.write('\ncutcheck: interrupted; writing the partial report (Ctrl-C again to stop at once)\n');
  });
}
