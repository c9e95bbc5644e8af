// Interns workload values (local states, messages) as small integers and memoises the workload's handlers,
// so the hot loop works on integers and calls user code once per distinct input.

import { Map as IMap, fromJS } from 'immutable';
import { describeThrown as describe, fail, jsonText } from '../errors.ts';
import type { Model, ProcessContext, Send } from '../model/types.ts';
import { processName } from '../model/types.ts';
import { processContexts } from '../model/topology.ts';
import { unknownKey } from '../model/strict.ts';
import { unusableValue } from './values.ts';
import { watched } from './watch.ts';

/** Assigns each distinct value (compared by value, via immutable.js) a dense id. */
export class Interner<T> {
  private ids = IMap<unknown, number>();
  readonly values: T[] = [];

  /** `what` names the value for an error ("the local state of P0 after action 'go'") when it is not plain data. */
  id(value: T, what = 'a value'): number {
    const unusable = unusableValue(value);
    if (unusable !== null) fail('CC006', `${what} cannot be a state or message: ${unusable}`);
    const key = fromJS(value);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.values.length;
    this.values.push(value);
    this.ids = this.ids.set(key, id);
    return id;
  }
}

/**
 * A memoised action: label, next local-state id, the sends as flat pairs (channel index, payload id), and for a
 * scripted workload its turn and the snapshot it starts (-1: none).
 */
export interface ActionRow {
  readonly label: string;
  readonly next: number;
  readonly sends: Int32Array;
  readonly turn: number;
  readonly snapshot: number;
}

/** What a process may still do (see WorkloadTable.ahead): masks of out-channel positions, and its next turn (-1: none). */
export interface AheadRow {
  readonly mask: number;
  readonly reacts: number;
  readonly turn: number;
}

/** The largest turn a scripted action may have: far more actions than any search can take. */
export const MAX_TURN = 1_000_000;
export interface ReceiveRow {
  readonly next: number;
  readonly sends: Int32Array;
}


const ACTION_KEYS = ['label', 'next', 'sends', 'turn', 'snapshot'];
const RECEIVE_KEYS = ['next', 'sends'];
const SEND_KEYS = ['to', 'msg'];

export class WorkloadTable {
  readonly locals = new Interner<unknown>();
  readonly payloads = new Interner<unknown>();
  readonly contexts: ProcessContext[];
  /** outChannel[p][q] = index of channel p→q, or -1. */
  private readonly outChannel: Int32Array[];
  private readonly actionMemo: (ActionRow[] | undefined)[][];
  private readonly receiveMemo: (ReceiveRow | undefined)[][][];
  readonly initialLocals: number[];
  /** What an implementation records of each local state (the workload's `recorded`), by local-state id; see `recordedId`. */
  readonly recordings = new Interner<unknown>();
  private readonly recordedMemo: number[] = [];
  /** The workload's `ahead`, by process and local-state id. */
  private readonly aheadMemo: (AheadRow | undefined)[][];
  /** With `ahead`: whether the actions met so far carry turns (1), carry none (0), or none was met yet (-1). */
  private turned = -1;
  /** Position of channel c among its sender's out-channels: its bit in the masks of `ahead` and of R's may-send summary. */
  readonly outPosition: Int32Array;

  constructor(private readonly model: Model) {
    const { n, channels } = model.topology;
    this.outChannel = Array.from({ length: n }, () => new Int32Array(n).fill(-1));
    channels.forEach((c, i) => {
      const row = this.outChannel[c.from];
      // Stryker disable next-line ConditionalExpression: a channel's sender is a process of the topology, so its row always exists
      if (row !== undefined) row[c.to] = i;
    });
    this.contexts = processContexts(model.topology);
    this.outPosition = Int32Array.from(channels, (c) => channels.filter((d) => d.from === c.from).indexOf(c));
    this.aheadMemo = Array.from({ length: n }, () => []);
    this.actionMemo = Array.from({ length: n }, () => []);
    this.receiveMemo = channels.map(() => []);
    this.initialLocals = this.contexts.map((ctx) => {
      let s: unknown;
      try {
        s = watched(`workload '${model.workload.name}' init at ${processName(model.topology, ctx.self)}`, () => model.workload.init(ctx));
      } catch (e) {
        return fail('CC006', `workload '${model.workload.name}' init threw for ${processName(model.topology, ctx.self)}: ${describe(e)}`);
      }
      if (s === undefined) fail('CC006', `workload '${model.workload.name}' init returned undefined for ${processName(model.topology, ctx.self)}`);
      return this.locals.id(s, `workload '${model.workload.name}' init's state for ${processName(model.topology, ctx.self)}`);
    });
  }

  actions(p: number, local: number): ActionRow[] {
    const memo = this.actionMemo[p] as (ActionRow[] | undefined)[];
    const hit = memo[local];
    // Stryker disable next-line ConditionalExpression: without the memo the pure handler is asked again, for the same row
    if (hit !== undefined) return hit;
    const ctx = this.contexts[p] as ProcessContext;
    const who = processName(this.model.topology, p);
    let outcomes: unknown;
    try {
      outcomes = watched(`workload '${this.model.workload.name}' actions at ${who}`, () => this.model.workload.actions(this.locals.values[local], ctx));
    } catch (e) {
      return fail('CC006', `workload '${this.model.workload.name}' actions threw at ${who}: ${describe(e)}`);
    }
    if (!Array.isArray(outcomes)) fail('CC006', `workload '${this.model.workload.name}' actions must return an array at ${who}`);
    const rows = (outcomes as { label?: unknown; next?: unknown; sends?: readonly Send<unknown>[]; turn?: unknown; snapshot?: unknown }[]).map((o) => {
      if (typeof o?.label !== 'string' || o.next === undefined)
        fail('CC006', `workload '${this.model.workload.name}': every action at ${who} needs a string label and a next state`);
      const extra = unknownKey(o, ACTION_KEYS, `action '${o.label}' at ${who}`);
      if (extra !== null) fail('CC006', `workload '${this.model.workload.name}': ${extra}`);
      return {
        label: o.label as string,
        next: this.locals.id(o.next, `the next state of action '${o.label}' at ${who}`),
        sends: this.sends(p, o.sends, `action '${String(o.label)}'`),
        turn: this.scripted(o.turn, 'turn', MAX_TURN, `action '${o.label as string}' at ${who}`),
        snapshot: this.scripted(o.snapshot, 'snapshot', this.model.algorithm.snapshots - 1, `action '${o.label as string}' at ${who}`),
      };
    });
    if (this.model.workload.ahead !== undefined)
      for (const r of rows) {
        const has = r.turn >= 0 ? 1 : 0;
        if (this.turned !== -1 && this.turned !== has)
          fail('CC006', `workload '${this.model.workload.name}' declares ahead, and its actions mix turns and no turns (action '${r.label}' at ${who}): either every action has a turn (one global order) or none has`);
        this.turned = has;
      }
    memo[local] = rows;
    return rows;
  }

  receive(channel: number, local: number, payload: number): ReceiveRow {
    const byLocal = this.receiveMemo[channel] as (ReceiveRow | undefined)[][];
    const row = (byLocal[local] ??= []);
    const hit = row[payload];
    // Stryker disable next-line ConditionalExpression: without the memo the pure handler is asked again, for the same row
    if (hit !== undefined) return hit;
    const c = this.model.topology.channels[channel];
    // Stryker disable next-line all: unreachable: a channel index the topology lacks already fails at receiveMemo[channel] above
    if (c === undefined) return fail('CC006', `no channel ${channel}`); // unreachable: callers pass valid indices
    const who = processName(this.model.topology, c.to);
    let o: { next?: unknown; sends?: readonly Send<unknown>[] } | undefined;
    try {
      o = watched(`workload '${this.model.workload.name}' receive at ${who}`, () =>
        this.model.workload.receive(this.locals.values[local], c.from, this.payloads.values[payload], this.contexts[c.to] as ProcessContext),
      );
    } catch (e) {
      return fail('CC006', `workload '${this.model.workload.name}' receive threw at ${who}: ${describe(e)}`);
    }
    if (typeof o !== 'object' || o === null || o.next === undefined)
      fail('CC006', `workload '${this.model.workload.name}' receive at ${who} must return { next }`);
    const extra = unknownKey(o as object, RECEIVE_KEYS, `the outcome of receive at ${who}`);
    if (extra !== null) fail('CC006', `workload '${this.model.workload.name}': ${extra}`);
    // Stryker disable next-line OptionalChaining: o is an object here, the check above refused anything else
    const result = { next: this.locals.id((o as { next: unknown }).next, `the next state of receive at ${who}`), sends: this.sends(c.to, o?.sends, 'receive') };
    row[payload] = result;
    return result;
  }

  /**
   * The id, among `recordings`, of what an implementation records of local state `local` at process p: the workload's
   * `recorded` projection of it, or the whole state when the workload declares none.
   */
  recordedId(p: number, local: number): number {
    const hit = this.recordedMemo[local];
    // Stryker disable next-line ConditionalExpression: without the memo the pure projection is asked again, and interned to the same id
    if (hit !== undefined) return hit;
    const project = this.model.workload.recorded;
    const who = processName(this.model.topology, p);
    let value: unknown = this.locals.values[local];
    if (project !== undefined) {
      try {
        // Stryker disable next-line StringLiteral: the label is shown only when --handler-timeout stops a projection that never returns, from the command line
        value = watched(`workload '${this.model.workload.name}' recorded at ${who}`, () => project(this.locals.values[local]));
      } catch (e) {
        return fail('CC006', `workload '${this.model.workload.name}' recorded threw at ${who}: ${describe(e)}`);
      }
      if (value === undefined) fail('CC006', `workload '${this.model.workload.name}' recorded returned undefined at ${who}`);
    }
    const id = this.recordings.id(value, `what workload '${this.model.workload.name}' records of a local state of ${who}`);
    this.recordedMemo[local] = id;
    return id;
  }

  /**
   * The workload's `ahead` at process p in local state `local`, as masks of out-channel positions (an out-degree above
   * 30 gives -1, anything): where p may still send (`mask`), where its receives may send before its next action
   * (`reacts`), and the turn of its next action (-1: none). Only for a workload that declares `ahead`.
   */
  ahead(p: number, local: number): AheadRow {
    const memo = this.aheadMemo[p] as (AheadRow | undefined)[];
    const hit = memo[local];
    // Stryker disable next-line ConditionalExpression: without the memo the pure handler is asked again, for the same answer
    if (hit !== undefined) return hit;
    const w = this.model.workload;
    const who = processName(this.model.topology, p);
    let a: unknown;
    try {
      a = watched(`workload '${w.name}' ahead at ${who}`, () => (w.ahead as NonNullable<typeof w.ahead>)(this.locals.values[local], this.contexts[p] as ProcessContext));
    } catch (e) {
      return fail('CC006', `workload '${w.name}' ahead threw at ${who}: ${describe(e)}`);
    }
    const o = a as { sendsTo?: unknown; reactsTo?: unknown; turn?: unknown } | null;
    if (
      typeof o !== 'object' ||
      o === null ||
      !Array.isArray(o.sendsTo) ||
      (o.reactsTo !== undefined && !Array.isArray(o.reactsTo)) ||
      !(o.turn === null || (Number.isInteger(o.turn) && (o.turn as number) >= 0 && (o.turn as number) <= MAX_TURN))
    )
      return fail('CC006', `workload '${w.name}' ahead at ${who} must return { sendsTo: [process, ...], reactsTo?: [process, ...], turn: a whole number or null }, got ${jsonText(a)}`);
    const extra = unknownKey(o, ['sendsTo', 'reactsTo', 'turn'], `what ahead returns at ${who}`);
    if (extra !== null) fail('CC006', `workload '${w.name}': ${extra}`);
    const maskOf = (list: readonly unknown[]): number => {
      let mask = 0;
      for (const q of list) {
        const c = Number.isInteger(q) ? ((this.outChannel[p] as Int32Array)[q as number] ?? -1) : -1;
        if (c < 0) fail('CC006', `workload '${w.name}' ahead at ${who} says it may send to ${jsonText(q)}, but there is no channel ${p}>${String(q)}`);
        const at = this.outPosition[c] as number;
        mask = at > 30 || mask === -1 ? -1 : mask | (1 << at);
      }
      return mask;
    };
    const mask = maskOf(o.sendsTo as unknown[]);
    const row = { mask, reacts: o.reactsTo === undefined ? mask : maskOf(o.reactsTo as unknown[]), turn: o.turn === null ? -1 : (o.turn as number) };
    memo[local] = row;
    return row;
  }

  /** An action's `turn` or `snapshot`: -1 when absent, else a whole number from 0 to `max`, and only in a scripted workload. */
  private scripted(v: unknown, key: 'turn' | 'snapshot', max: number, at: string): number {
    if (v === undefined) return -1;
    const w = this.model.workload.name;
    if (this.model.workload.scripted !== true) return fail('CC006', `workload '${w}': ${at} has a ${key}, which only a scripted workload's actions may have (scripted: true)`);
    if (!Number.isInteger(v) || (v as number) < 0) return fail('CC006', `workload '${w}': ${at} has ${key} ${jsonText(v)}; it must be a whole number from 0`);
    if (key === 'snapshot' && (v as number) > max)
      return fail('CC006', `workload '${w}': ${at} starts snapshot ${String(v)}, but the model takes ${max === 0 ? 'one snapshot (snapshot 0' : `${max + 1} snapshots (0 to ${max}`}; algorithm.snapshots)`);
    if ((v as number) > max) return fail('CC006', `workload '${w}': ${at} has turn ${String(v)}; turns go up to ${max}`);
    return v as number;
  }

  private sends(p: number, sends: readonly Send<unknown>[] | undefined, what: string): Int32Array {
    if (sends === undefined) return new Int32Array(0);
    if (!Array.isArray(sends)) return fail('CC006', `${what} at ${processName(this.model.topology, p)}: sends must be an array`);
    const out = new Int32Array(sends.length * 2);
    const at = `${what} at ${processName(this.model.topology, p)}`;
    sends.forEach((given: unknown, i) => {
      if (typeof given !== 'object' || given === null || Array.isArray(given)) return fail('CC006', `${at}: each send must be an object like { to: 1, msg: 'm' }, got ${jsonText(given)}`);
      const s = given as Send<unknown>;
      const extra = unknownKey(s, SEND_KEYS, `a send of ${at}`);
      if (extra !== null) fail('CC006', extra);
      const to: unknown = s.to;
      if (!Number.isInteger(to)) fail('CC006', `${at} sends to ${jsonText(to)}, which is not a process number`);
      // Stryker disable next-line OptionalChaining: (`outChannel[p]?.`) p is a process of the topology, so outChannel[p] always exists
      const ch = this.outChannel[p]?.[s.to] ?? -1;
      if (ch < 0) fail('CC006', `${at} sends to ${s.to}, but there is no channel ${p}>${s.to}`);
      out[2 * i] = ch;
      out[2 * i + 1] = this.payloads.id(s.msg, `a message sent by ${at}`);
    });
    return out;
  }
}
