// A search worker thread: rebuilds the expander from a recipe, then expands work units level after level in the
// shared memory, writing events and terminal states for the main thread, until told to quit.

import { type MessagePort, workerData } from 'node:worker_threads';
import { imageCodes, writeEvent, type EventRecord } from './events.ts';
import { Expansion, type Sink } from './expand.ts';
import type { Expander, Symmetry } from './expander.ts';
import { FingerprintSet } from './fpset.ts';
import { Runner } from './runner.ts';
import { ACTIVE, CTL, HELD, type SharedHandles } from './shared.ts';
import { Trail } from './trail.ts';
import { Keys } from './zobrist.ts';

/** What the main thread gives each worker. */
export interface WorkerInit {
  readonly handles: SharedHandles;
  readonly thread: number;
  readonly threads: number;
  readonly maxStates: number;
  /** A module exporting `buildExpander(data)`, and the data to call it with. */
  readonly builder: { readonly module: string; readonly data: unknown };
  readonly port: MessagePort;
}

/** What a worker reports at the end of each level, and when it holds for a checkpoint (`held`: what it did so far). */
export interface LevelReport {
  readonly held?: boolean;
  readonly segments: readonly number[];
  readonly transitions: number;
  readonly big: readonly number[];
  /** Bytes the worker wrote into its output stream this level (its segments lie within them). */
  readonly bytes: number;
  readonly error?: string;
}

export type BuildExpander = (data: unknown) => { expander: Expander; symmetry: Symmetry | null };

async function main(init: WorkerInit): Promise<void> {
  const { handles: h, thread, threads, port } = init;
  const ctl = h.ctl;
  try {
    const mod = (await import(init.builder.module)) as { buildExpander: BuildExpander };
    const { expander, symmetry } = mod.buildExpander(init.builder.data);
    const images = symmetry?.maps.length ?? 0;
    const set = FingerprintSet.open(h.set);
    const trail = new Trail(h.trail);
    const record: EventRecord = { kind: 0, id: 0, code: 0, event: 0, depth: 0, codes: new Int32Array(images) };
    let runner: Runner | null = null;
    const sink: Sink = {
      event(vec, event, parent, code, depth, cur) {
        Object.assign(record, { kind: 0, id: parent, code, event, depth });
        imageCodes(symmetry, code, cur, record.codes);
        writeEvent((runner as Runner).events, record, images, vec);
        return false;
      },
      terminal(vec, id, depth) {
        Object.assign(record, { kind: 1, id, code: 0, event: 0, depth });
        writeEvent((runner as Runner).events, record, images, vec);
        return false;
      },
    };
    const onFull = (): void => {
      (runner as Runner).requestGrowth();
      (runner as Runner).parkIfGrowing();
    };
    const maps = [null, ...(symmetry?.maps ?? [])];
    const exp = new Expansion(expander, new Keys(expander.width), maps, set, trail, sink, onFull);
    const r = new Runner(thread, threads, h, exp, set, init.maxStates);
    runner = r;
    // At a unit's start, while the main thread takes a checkpoint: report what this level found so far, and hold.
    r.atUnit = () => {
      const pause = Atomics.load(ctl, CTL.PAUSE);
      if (pause === 0) return;
      r.publishEvents();
      const report: LevelReport = { held: true, segments: exp.segments.slice(), transitions: exp.transitions, big: exp.big.slice(), bytes: exp.written };
      port.postMessage(report);
      Atomics.store(ctl, HELD(threads) + thread, pause);
      signal(ctl);
      while (Atomics.load(ctl, CTL.PAUSE) === pause) Atomics.wait(ctl, CTL.PAUSE, pause, 100);
      // The main thread may have grown the visited set meanwhile.
      set.refresh();
    };
    const margin = 8 * threads * 1024;
    const between = (): void => {
      r.publishEvents();
      if (set.wantsGrowth(margin) && Atomics.load(ctl, CTL.GROW) === 0) r.requestGrowth();
      r.parkIfGrowing();
    };
    // Read the level counter before saying ready: the main thread may start a level the moment it hears.
    let go = Atomics.load(ctl, CTL.GO);
    Atomics.add(ctl, CTL.READY, 1);
    signal(ctl);
    for (;;) {
      while (Atomics.load(ctl, CTL.GO) === go) Atomics.wait(ctl, CTL.GO, go, 1000);
      go = Atomics.load(ctl, CTL.GO);
      if (Atomics.load(ctl, CTL.QUIT) !== 0) break;
      r.events.length = 0;
      set.refresh();
      trail.refresh();
      r.runLevel(between);
      r.publishEvents();
      const report: LevelReport = { segments: exp.segments.slice(), transitions: exp.transitions, big: exp.big.slice(), bytes: exp.written };
      exp.big.length = 0;
      port.postMessage(report);
      Atomics.store(ctl, ACTIVE(threads) + thread, 0);
      Atomics.add(ctl, CTL.DONE, 1);
      signal(ctl);
    }
  } catch (e) {
    const report: LevelReport = { segments: [], transitions: 0, big: [], bytes: 0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    port.postMessage(report);
    Atomics.store(ctl, CTL.FAILED, 1);
    signal(ctl);
  }
  port.close();
}

function signal(ctl: Int32Array): void {
  Atomics.add(ctl, CTL.SIGNAL, 1);
  Atomics.notify(ctl, CTL.SIGNAL);
}

void main((workerData as { init: WorkerInit }).init);
