// The main thread's side of the worker threads: starts them (they load while the first levels run on the main
// thread), starts each level, waits for the level to end while draining their events, and lets them go.

import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { ACTIVE, CTL, HELD, type SharedHandles } from './shared.ts';
import type { LevelReport, WorkerInit } from './worker.ts';
import { siblingModule } from './modules.ts';

/** The code each worker starts with: register the TypeScript loader when running from sources, then load the worker module. */
const BOOT = `const { workerData } = require('node:worker_threads');
(workerData.tsx === null ? Promise.resolve() : import(workerData.tsx).then((m) => m.register())).then(() => import(workerData.entry)).catch((e) => {
  const { ctl } = workerData.init.handles; Atomics.store(ctl, ${CTL.FAILED}, 1); Atomics.add(ctl, ${CTL.SIGNAL}, 1); Atomics.notify(ctl, ${CTL.SIGNAL});
  workerData.init.port.postMessage({ segments: [], transitions: 0, big: [], bytes: 0, error: String(e && e.stack || e) });
});`;

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];

  constructor(
    private readonly h: SharedHandles,
    readonly threads: number,
    maxStates: number,
    builder: { readonly module: string; readonly data: unknown },
  ) {
    const entry = siblingModule(import.meta.url, 'worker');
    const tsx = entry.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : null;
    for (let t = 1; t < threads; t++) {
      const { port1, port2 } = new MessageChannel();
      const init: WorkerInit = { handles: h, thread: t, threads, maxStates, builder, port: port2 };
      const w = new Worker(BOOT, { eval: true, workerData: { tsx, entry, init }, transferList: [port2], execArgv: [] });
      w.unref();
      this.workers.push(w);
      this.ports.push(port1);
    }
  }

  /** Every worker has loaded and is waiting for a level. */
  get ready(): boolean {
    this.checkFailure();
    return Atomics.load(this.h.ctl, CTL.READY) === this.threads - 1;
  }

  /** Waits up to `ms` for every worker to load; whether they all did. */
  awaitReady(ms: number): boolean {
    const until = performance.now() + ms;
    while (!this.ready && performance.now() < until) this.wait(20);
    return this.ready;
  }

  /** Final reports of workers that finished the level while the main thread took a checkpoint, by worker. */
  private readonly early: (LevelReport | undefined)[] = [];

  /** Starts the level already written into the shared memory. */
  start(): void {
    const ctl = this.h.ctl;
    this.early.length = 0;
    Atomics.store(ctl, CTL.DONE, 0);
    for (let t = 1; t < this.threads; t++) {
      Atomics.store(ctl, ACTIVE(this.threads) + t, 1);
      Atomics.store(ctl, CTL.EVENTS + t, 0);
    }
    Atomics.add(ctl, CTL.GO, 1);
    Atomics.notify(ctl, CTL.GO);
  }

  /** Whether every worker finished the level. */
  get finished(): boolean {
    this.checkFailure();
    return Atomics.load(this.h.ctl, CTL.DONE) === this.threads - 1;
  }

  /** Sleeps until a worker pokes the main thread, or `ms` pass. */
  wait(ms: number): void {
    const ctl = this.h.ctl;
    const s = Atomics.load(ctl, CTL.SIGNAL);
    if (!this.finished) Atomics.wait(ctl, CTL.SIGNAL, s, ms);
  }

  /** The workers' reports on the level just finished, in thread order (thread 1 first). */
  reports(): LevelReport[] {
    return this.ports.map((port, k) => this.early[k] ?? this.receive(port));
  }

  /**
   * Holds the workers at their next unit's start (`pause`: the checkpoint's number) and returns what each did of the
   * level so far: the report it holds with, or its final one if it finished the level. `meanwhile` runs while
   * waiting (the main thread grows the visited set when a worker asks).
   */
  hold(pause: number, meanwhile: () => void): LevelReport[] {
    const ctl = this.h.ctl;
    Atomics.store(ctl, CTL.PAUSE, pause);
    for (;;) {
      this.checkFailure();
      const signal = Atomics.load(ctl, CTL.SIGNAL);
      let all = true;
      for (let t = 1; t < this.threads; t++)
        if (Atomics.load(ctl, ACTIVE(this.threads) + t) === 1 && Atomics.load(ctl, HELD(this.threads) + t) !== pause) all = false;
      if (all) break;
      meanwhile();
      Atomics.wait(ctl, CTL.SIGNAL, signal, 20);
    }
    return this.ports.map((port, k) => {
      const early = this.early[k];
      if (early !== undefined) return early;
      const r = this.receive(port);
      if (r.held !== true) this.early[k] = r;
      return r;
    });
  }

  /** Lets the held workers go on. */
  release(): void {
    const ctl = this.h.ctl;
    Atomics.store(ctl, CTL.PAUSE, 0);
    Atomics.notify(ctl, CTL.PAUSE);
  }

  private receive(port: MessagePort): LevelReport {
    const m = receiveMessageOnPort(port);
    if (m === undefined) throw new Error('internal: a search worker finished a level without reporting');
    const r = m.message as LevelReport;
    if (r.error !== undefined) throw new Error(`a search worker failed: ${r.error}`);
    return r;
  }

  /** Tells the workers to exit. */
  close(): void {
    const ctl = this.h.ctl;
    Atomics.store(ctl, CTL.QUIT, 1);
    Atomics.add(ctl, CTL.GO, 1);
    Atomics.notify(ctl, CTL.GO);
    for (const w of this.workers) void w.terminate();
    for (const p of this.ports) p.close();
  }

  private checkFailure(): void {
    if (Atomics.load(this.h.ctl, CTL.FAILED) === 0) return;
    for (const port of this.ports) {
      const m = receiveMessageOnPort(port)?.message as LevelReport | undefined;
      if (m?.error !== undefined) {
        this.close();
        throw new Error(`a search worker failed: ${m.error}`);
      }
    }
  }
}
