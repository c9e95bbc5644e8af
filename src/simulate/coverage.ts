// What a simulation covered, counted as it runs: runs and steps, the distinct product states, application states
// and recorded cuts it saw (each cut with how often it was recorded), and how often each kind of step fired. Only the
// runs fast-check generates count, not the ones it replays while shrinking a counterexample.

import { channelName, processName, type Model } from '../model/types.ts';
import { FingerprintIndex } from '../explore/fpindex.ts';
import { isControl } from '../network/message.ts';
import type { ProductSystem } from '../system/system.ts';
import { ACT, CRASH, DELIVER, DUPLICATE_BIT, FAULT, INITIATE, INTERNAL, stepA, stepB, stepKind } from '../system/step.ts';

/** A kind of step, as the coverage report counts them. */
export const STEP_KINDS = ['act', 'deliver', 'deliver-control', 'initiate', 'internal', 'drop', 'duplicate', 'crash'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** One class of step (an action at a process, a delivery on a channel), and how often it fired. */
export interface StepClass {
  /** As the report writes it: `P0 acts`, `deliver 0>1`, `deliver control 0>1`, `initiate at P0`, ... */
  readonly name: string;
  readonly kind: StepKind;
  readonly taken: number;
  /** Whether it was enabled in some state a run visited (a step never enabled cannot have been taken). */
  readonly enabled: boolean;
}

export interface Coverage {
  /** Runs generated (shrinking replays not counted). */
  readonly runs: number;
  readonly steps: number;
  /** Runs that ended where no step is enabled; runs cut short (by the depth bound or a shorter choice list); runs that failed a check. */
  readonly deadEnds: number;
  readonly depthBounded: number;
  readonly failed: number;
  readonly longestRun: number;
  readonly productStates: number;
  readonly appStates: number;
  /** |R| when R was enumerated, for the share of application states seen; null when it was not. */
  readonly appStatesKnown: number | null;
  readonly completions: number;
  readonly cuts: number;
  /** Distinct cuts recorded inconsistently by some run. */
  readonly inconsistentCuts: number;
  /** The number of distinct cuts an exhaustive search found, when given (`known`), for the share of cuts seen. */
  readonly cutsKnown: number | null;
  /** For each distinct cut seen, how many completions recorded it, most frequent first. */
  readonly cutFrequencies: readonly number[];
  /** Steps taken, by kind. */
  readonly stepKinds: Readonly<Record<StepKind, number>>;
  /** Each action label a process acted with, and how often (`P0: transfer 1 to P1`). */
  readonly actions: readonly { readonly name: string; readonly taken: number }[];
  /** Every class of step: those the topology and algorithm allow, and any other that was enabled. */
  readonly classes: readonly StepClass[];
}

/** A step's class as one number: kind, process or channel, and what it carries (control or not, a copy or a loss). */
const classOf = (kind: number, a: number, sub: number): number => kind | (a << 3) | (sub << 16);

/** Counts a simulation's coverage. */
export class CoverageCounter {
  runs = 0;
  steps = 0;
  deadEnds = 0;
  depthBounded = 0;
  failed = 0;
  longestRun = 0;
  completions = 0;
  readonly productStates = new FingerprintIndex(1 << 12);
  readonly appStates = new FingerprintIndex(1 << 12);
  /** How often each cut (by the walkers' shared cut ids) was recorded, and whether some run recorded it inconsistently. */
  readonly cutCount: number[] = [];
  readonly cutBad: boolean[] = [];
  private readonly taken = new Map<number, number>();
  private readonly enabledClasses = new Set<number>();
  private readonly actions = new Map<string, number>();

  constructor(readonly model: Model) {}

  /** The class of step `code` from `cur`. */
  classOf(sys: ProductSystem, cur: Int32Array, code: number): number {
    const kind = stepKind(code);
    const a = stepA(code);
    if (kind === DELIVER) return classOf(kind, a, isControl(cur[sys.layout.queue(a) + 1 + stepB(code)] as number) ? 1 : 0);
    if (kind === FAULT) {
      const b = stepB(code);
      const control = isControl(cur[sys.layout.queue(a) + 1 + (b & ~DUPLICATE_BIT)] as number) ? 1 : 0;
      return classOf(kind, a, control | ((b & DUPLICATE_BIT) !== 0 ? 2 : 0));
    }
    return classOf(kind, kind === CRASH ? 0 : a, 0);
  }

  enabled(cls: number): void {
    this.enabledClasses.add(cls);
  }

  took(cls: number, actLabel: string | null): void {
    this.steps++;
    this.taken.set(cls, (this.taken.get(cls) ?? 0) + 1);
    if (actLabel !== null) this.actions.set(actLabel, (this.actions.get(actLabel) ?? 0) + 1);
  }

  cut(id: number, inconsistent: boolean): void {
    this.completions++;
    this.cutCount[id] = (this.cutCount[id] ?? 0) + 1;
    if (inconsistent) this.cutBad[id] = true;
  }

  endRun(steps: number, end: 'dead-end' | 'depth' | 'finding'): void {
    this.runs++;
    if (end === 'dead-end') this.deadEnds++;
    else if (end === 'depth') this.depthBounded++;
    else this.failed++;
    this.longestRun = Math.max(this.longestRun, steps);
  }

  /** The classes the model allows whatever happens: each process acting, application and control deliveries on each channel, each initiator. */
  private structural(hasControl: boolean): number[] {
    const { topology, algorithm } = this.model;
    const out: number[] = [];
    for (let p = 0; p < topology.n; p++) out.push(classOf(ACT, p, 0));
    topology.channels.forEach((_, c) => {
      out.push(classOf(DELIVER, c, 0));
      if (hasControl) out.push(classOf(DELIVER, c, 1));
    });
    for (const p of algorithm.initiators) out.push(classOf(INITIATE, p, 0));
    return out;
  }

  result(known: { readonly appStates: number | null; readonly cuts: number | null }, hasControl: boolean): Coverage {
    const kinds = Object.fromEntries(STEP_KINDS.map((k) => [k, 0])) as Record<StepKind, number>;
    for (const [cls, n] of this.taken) kinds[this.kindOf(cls)] += n;
    // By kind (in the order of STEP_KINDS), then by process or channel.
    const order = (cls: number): number => STEP_KINDS.indexOf(this.kindOf(cls)) * 0x10000 + ((cls >>> 3) & 0x1fff);
    const all = [...new Set([...this.structural(hasControl), ...this.enabledClasses, ...this.taken.keys()])].sort((x, y) => order(x) - order(y) || x - y);
    return {
      runs: this.runs,
      steps: this.steps,
      deadEnds: this.deadEnds,
      depthBounded: this.depthBounded,
      failed: this.failed,
      longestRun: this.longestRun,
      productStates: this.productStates.size,
      appStates: this.appStates.size,
      appStatesKnown: known.appStates,
      completions: this.completions,
      cuts: this.cutCount.filter((n) => n > 0).length,
      inconsistentCuts: this.cutBad.filter(Boolean).length,
      cutsKnown: known.cuts,
      cutFrequencies: this.cutCount.filter((n) => n > 0).sort((x, y) => y - x),
      stepKinds: kinds,
      actions: [...this.actions].map(([name, taken]) => ({ name, taken })).sort((x, y) => x.name.localeCompare(y.name)),
      classes: all.map((cls) => ({ name: this.nameOf(cls), kind: this.kindOf(cls), taken: this.taken.get(cls) ?? 0, enabled: this.enabledClasses.has(cls) })),
    };
  }

  private kindOf(cls: number): StepKind {
    const kind = cls & 7;
    const sub = cls >>> 16;
    switch (kind) {
      case ACT:
        return 'act';
      case DELIVER:
        return sub === 1 ? 'deliver-control' : 'deliver';
      case FAULT:
        return (sub & 2) !== 0 ? 'duplicate' : 'drop';
      case INITIATE:
        return 'initiate';
      case INTERNAL:
        return 'internal';
      default:
        return 'crash';
    }
  }

  private nameOf(cls: number): string {
    const { topology } = this.model;
    const a = (cls >>> 3) & 0x1fff;
    const sub = cls >>> 16;
    const channel = (): string => {
      const ch = topology.channels[a];
      // Stryker disable next-line ConditionalExpression: a class's channel is one of the topology's
      return ch === undefined ? `channel ${a}` : channelName(topology, ch);
    };
    switch (this.kindOf(cls)) {
      case 'act':
        return `${processName(topology, a)} acts`;
      case 'deliver':
        return `deliver ${channel()}`;
      case 'deliver-control':
        return `deliver control ${channel()}`;
      case 'drop':
        return `drop ${(sub & 1) !== 0 ? 'control' : 'application'} message on ${channel()}`;
      case 'duplicate':
        return `duplicate ${(sub & 1) !== 0 ? 'control' : 'application'} message on ${channel()}`;
      case 'initiate':
        return `initiate at ${processName(topology, a)}`;
      case 'internal':
        return `${processName(topology, a)} internal step`;
      case 'crash':
        return 'crash';
    }
  }
}
