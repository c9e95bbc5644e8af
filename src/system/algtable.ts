// Interns a snapshot algorithm's values (process states, channel states, control payloads, piggybacks) as small
// integers and memoises its handlers, compiling each reaction into a row of integer opcodes, so that the hot loop
// applies effects without calling user code or allocating. Also closes the algorithm's tables over every input it
// can produce on its own, so that a search thread can be handed frozen tables that assign the same ids.

import { CutcheckFailure, describeThrown as describe, fail, jsonText } from '../errors.ts';
import type { Model, ProcessContext } from '../model/types.ts';
import { processName } from '../model/types.ts';
import { processContexts } from '../model/topology.ts';
import { unknownKey } from '../model/strict.ts';
import type { SnapshotAlgorithm } from '../snapshot/api.ts';
import { Interner } from './intern.ts';
import { watched } from './watch.ts';

// Opcodes of a compiled reaction: triples [op, a, b].
export const OP_RECORD = 1;
export const OP_START = 2;
export const OP_STOP = 3;
export const OP_APPEND = 4;
export const OP_SEND = 5;
export const OP_BLOCK = 6;
export const OP_UNBLOCK = 7;
export const OP_SET_CHANNEL = 8;
export const OP_COMPLETE = 9;
export const OP_RECORD_QUEUED = 10;
export const OP_SEND_AHEAD = 11;
export const OP_RECORD_OUTGOING = 12;

/** A compiled reaction: the next process-state id (-1: unchanged) and its effects as opcode triples. */
export interface AlgRow {
  readonly next: number;
  readonly ops: Int32Array;
}
/** A compiled `send`: the next process-state id (-1: unchanged) and the piggyback id (0: none). */
export interface SendRow {
  readonly next: number;
  readonly piggyback: number;
}

/** Bits of a channel word below the channel-state id. */
export const RECORDING_BIT = 1;
export const BLOCKED_BIT = 2;
export const CHANNEL_SHIFT = 2;
/** Piggyback ids fit in 6 bits of an application word (see network/message.ts); 0 is "nothing". */
export const MAX_PIGGYBACKS = 63;

const REACTION_KEYS = ['next', 'effects'];
const PIGGYBACK_KEYS = ['next', 'piggyback'];
const NONE: AlgRow = { next: -1, ops: new Int32Array(0) };
const EFFECT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  record: [],
  'start-recording': ['from'],
  'stop-recording': ['from'],
  append: [],
  send: ['to', 'payload', 'overtake'],
  'record-outgoing': ['to'],
  block: ['from'],
  unblock: ['from'],
  'set-channel': ['from', 'state'],
  complete: [],
  'record-queued': ['from'],
};

type Handler = 'initiate' | 'control' | 'receive' | 'after' | 'step';

/** The memo tables: plain nested arrays, so that they can be copied to a search thread as they are. */
export interface AlgMemo {
  readonly initiate: (AlgRow | null | undefined)[][];
  readonly control: (AlgRow | undefined)[][][][];
  readonly receive: (AlgRow | undefined)[][][][];
  readonly send: (SendRow | undefined)[][];
  readonly after: (AlgRow | undefined)[][];
  readonly step: (AlgRow | null | undefined)[][];
}

/** What a search thread needs to run an algorithm without its code: the initial ids and the closed memo tables. */
export interface FrozenAlgorithm {
  readonly name: string;
  readonly initialProcs: readonly number[];
  readonly initialChannels: readonly number[];
  readonly handlers: readonly [boolean, boolean, boolean, boolean];
  readonly memo: AlgMemo;
}

/**
 * Mutation testing marks two tests in each handler lookup as equivalent: bypassing a memo only asks the pure handler
 * again for the same row, and only a search thread's tables are frozen, while search threads load the sources
 * without Stryker's active mutant.
 */
export class AlgorithmTable {
  readonly procs = new Interner<unknown>();
  readonly channels = new Interner<unknown>();
  readonly payloads = new Interner<unknown>();
  /** Piggybacked values; id k here is piggyback id k + 1 in a message word. */
  readonly piggybacks = new Interner<unknown>();
  readonly initialProcs: number[];
  readonly initialChannels: number[];
  readonly hasReceive: boolean;
  readonly hasSend: boolean;
  readonly hasAfter: boolean;
  readonly hasStep: boolean;
  protected readonly memo: AlgMemo;
  private readonly contexts: ProcessContext[];
  private readonly inChannel: Int32Array[];
  private readonly outChannel: Int32Array[];
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  /** Rows computed so far (memo misses), which bounds `close`. */
  private computed = 0;
  /** Rebuilt from frozen tables in a search thread: a miss is a bug, not a call into user code. */
  private readonly isFrozen: boolean;
  /** The job may crash, so a message may arrive restored by a recovery. */
  private readonly restores: boolean;

  constructor(
    readonly model: Model,
    readonly algorithm: SnapshotAlgorithm,
    frozen?: FrozenAlgorithm,
  ) {
    const { n, channels } = model.topology;
    this.from = Int32Array.from(channels, (c) => c.from);
    this.to = Int32Array.from(channels, (c) => c.to);
    this.inChannel = Array.from({ length: n }, () => new Int32Array(n).fill(-1));
    this.outChannel = Array.from({ length: n }, () => new Int32Array(n).fill(-1));
    channels.forEach((c, i) => {
      (this.inChannel[c.to] as Int32Array)[c.from] = i;
      (this.outChannel[c.from] as Int32Array)[c.to] = i;
    });
    this.contexts = processContexts(model.topology);
    this.payloads.id(null);
    // Stryker disable next-line all: only close() reads it, and a job that may crash is never closed (reduce/recipe.ts keeps it on one thread)
    this.restores = model.faults.crash && model.faults.budget > 0;
    // Tables are built from frozen ones only in a search thread, which loads the sources without the mutant.
    // Stryker disable next-line ConditionalExpression: frozen is undefined in the thread that has the mutant
    this.isFrozen = frozen !== undefined;
    if (frozen !== undefined) {
      this.memo = frozen.memo;
      // Stryker disable next-line ArrayDeclaration: reached only in a search thread
      this.initialProcs = [...frozen.initialProcs];
      // Stryker disable next-line ArrayDeclaration: reached only in a search thread
      this.initialChannels = [...frozen.initialChannels];
      [this.hasReceive, this.hasSend, this.hasAfter, this.hasStep] = frozen.handlers;
      return;
    }
    const a = algorithm;
    this.hasReceive = typeof a.receive === 'function';
    this.hasSend = typeof a.send === 'function';
    this.hasAfter = typeof a.after === 'function';
    this.hasStep = typeof a.step === 'function';
    this.memo = {
      initiate: Array.from({ length: n }, () => []),
      control: channels.map(() => []),
      receive: channels.map(() => []),
      send: channels.map(() => []),
      after: Array.from({ length: n }, () => []),
      step: Array.from({ length: n }, () => []),
    };
    this.initialProcs = this.contexts.map((ctx) => {
      const s = this.call(`init at ${this.who(ctx.self)}`, () => a.init(ctx));
      if (s === undefined) fail('CC006', `algorithm '${a.name}' init returned undefined for ${this.who(ctx.self)}`);
      return this.procs.id(s, `algorithm '${a.name}' init's state for ${this.who(ctx.self)}`);
    });
    this.initialChannels = channels.map((c) => {
      const init = a.initChannel;
      const s = init === undefined ? null : this.call(`initChannel at ${this.who(c.to)}`, () => init.call(a, c.from, this.contexts[c.to] as ProcessContext));
      if (s === undefined) fail('CC006', `algorithm '${a.name}' initChannel returned undefined for ${this.channelName(c.from, c.to)}`);
      return this.channels.id(s, `algorithm '${a.name}' initChannel's state for ${this.channelName(c.from, c.to)}`);
    });
  }

  /** Initiation at p in algorithm state `proc`: its row, or null when p cannot initiate now. */
  initiate(p: number, proc: number): AlgRow | null {
    const memo = this.memo.initiate[p] as (AlgRow | null | undefined)[];
    const hit = memo[proc];
    // Stryker disable next-line ConditionalExpression: a memo (see the class comment)
    if (hit !== undefined) return hit;
    // Stryker disable next-line ConditionalExpression: frozen tables (see the class comment)
    if (this.isFrozen) return missed();
    const ctx = this.contexts[p] as ProcessContext;
    const r = this.call(`initiate at ${this.who(p)}`, () => this.algorithm.initiate(this.procs.values[proc], ctx));
    const row = r === null ? null : this.compile(p, 'initiate', r);
    memo[proc] = row;
    this.computed++;
    return row;
  }

  /** A control message with payload id `payload` arriving on c; `word` is c's channel word. */
  control(c: number, proc: number, word: number, payload: number, stale: boolean): AlgRow {
    const byProc = this.memo.control[c] as (AlgRow | undefined)[][][];
    const byWord = (byProc[proc] ??= []);
    const row = (byWord[word] ??= []);
    // Stryker disable next-line ArithmeticOperator: (`- (stale ? 1 : 0)`) stale keys become odd (-1 for payload 0, a property a copy to a thread keeps), still apart from the even fresh ones
    const k = payload * 2 + (stale ? 1 : 0);
    const hit = row[k];
    // Stryker disable next-line ConditionalExpression: a memo (see the class comment)
    if (hit !== undefined) return hit;
    // Stryker disable next-line ConditionalExpression: frozen tables (see the class comment)
    if (this.isFrozen) return missed();
    const p = this.to[c] as number;
    const msg = { ...this.inView(c, word), payload: this.payloads.values[payload], stale };
    const r = this.call(`control at ${this.who(p)}`, () => this.algorithm.control(this.procs.values[proc], msg, this.contexts[p] as ProcessContext));
    const compiled = this.compile(p, 'control', r);
    row[k] = compiled;
    this.computed++;
    return compiled;
  }

  /** An application message carrying piggyback id `piggyback` arriving on c (`restored`: put back by a recovery). */
  receive(c: number, proc: number, word: number, piggyback: number, restored = false): AlgRow {
    const byProc = this.memo.receive[c] as (AlgRow | undefined)[][][];
    const byWord = (byProc[proc] ??= []);
    const row = (byWord[word] ??= []);
    // Stryker disable next-line ArithmeticOperator: (`- (restored ? 1 : 0)`) restored keys become odd (-1 for no piggyback), still apart from the even ones
    const slot = piggyback * 2 + (restored ? 1 : 0);
    const hit = row[slot];
    // Stryker disable next-line ConditionalExpression: a memo (see the class comment)
    if (hit !== undefined) return hit;
    // Stryker disable next-line ConditionalExpression: frozen tables (see the class comment)
    if (this.isFrozen) return missed();
    const receive = this.algorithm.receive;
    // Stryker disable next-line ConditionalExpression: (`false`) unreachable: the system and close ask receive only of an algorithm that has it
    if (receive === undefined) return NONE;
    const p = this.to[c] as number;
    // Stryker disable next-line ConditionalExpression: (`false`) piggybacks.values[-1] is undefined, as is no piggyback
    const msg = { ...this.inView(c, word), piggyback: piggyback === 0 ? undefined : this.piggybacks.values[piggyback - 1], restored };
    const r = this.call(`receive at ${this.who(p)}`, () => receive.call(this.algorithm, this.procs.values[proc], msg, this.contexts[p] as ProcessContext));
    const compiled = this.compile(p, 'receive', r);
    row[slot] = compiled;
    this.computed++;
    return compiled;
  }

  /** An application message being sent on c by a process in algorithm state `proc`. */
  send(c: number, proc: number): SendRow {
    const memo = this.memo.send[c] as (SendRow | undefined)[];
    const hit = memo[proc];
    // Stryker disable next-line ConditionalExpression: a memo (see the class comment)
    if (hit !== undefined) return hit;
    // Stryker disable next-line ConditionalExpression: frozen tables (see the class comment)
    if (this.isFrozen) return missed();
    const send = this.algorithm.send;
    const p = this.from[c] as number;
    const q = this.to[c] as number;
    if (send === undefined) return { next: -1, piggyback: 0 };
    const where = `send at ${this.who(p)} (to ${this.who(q)})`;
    const o = this.call(where, () => send.call(this.algorithm, this.procs.values[proc], q, this.contexts[p] as ProcessContext));
    if (typeof o !== 'object' || o === null) return fail('CC006', `algorithm '${this.algorithm.name}' ${where} must return { next?, piggyback? }, got ${kind(o)}`);
    const extra = unknownKey(o, PIGGYBACK_KEYS, `the answer of ${where}`);
    if (extra !== null) fail('CC006', `algorithm '${this.algorithm.name}': ${extra}`);
    const next = o.next === undefined ? -1 : this.procs.id(o.next, `the next state of ${where}`);
    let pig = 0;
    if (o.piggyback !== undefined) {
      pig = this.piggybacks.id(o.piggyback, `the piggyback of ${where}`) + 1;
      if (pig > MAX_PIGGYBACKS) fail('CC006', `algorithm '${this.algorithm.name}' piggybacks more than ${MAX_PIGGYBACKS} distinct values`);
    }
    const row = { next, piggyback: pig };
    memo[proc] = row;
    this.computed++;
    return row;
  }

  /** The algorithm's internal step at p in state `proc`: its row, or null when there is none now. */
  step(p: number, proc: number): AlgRow | null {
    const memo = this.memo.step[p] as (AlgRow | null | undefined)[];
    const hit = memo[proc];
    // Stryker disable next-line ConditionalExpression: a memo (see the class comment)
    if (hit !== undefined) return hit;
    // Stryker disable next-line ConditionalExpression: frozen tables (see the class comment)
    if (this.isFrozen) return missed();
    const step = this.algorithm.step;
    if (step === undefined) return null;
    const ctx = this.contexts[p] as ProcessContext;
    const r = this.call(`step at ${this.who(p)}`, () => step.call(this.algorithm, this.procs.values[proc], ctx));
    const row = r === null ? null : this.compile(p, 'step', r);
    memo[proc] = row;
    this.computed++;
    return row;
  }

  /** What the internal step from process-state id `proc` does, as the algorithm says it (as the viewer shows values: a show that throws is named). */
  stepLabel(proc: number): string {
    const show = this.algorithm.show?.step;
    if (show === undefined) return 'takes its snapshot step';
    try {
      const text: unknown = show.call(this.algorithm.show, this.procs.values[proc]);
      return typeof text === 'string' ? text : 'takes its snapshot step';
    } catch (e) {
      return `takes its snapshot step (show.step threw: ${describe(e)})`;
    }
  }

  /** After p's workload handled an event. */
  after(p: number, proc: number): AlgRow {
    const memo = this.memo.after[p] as (AlgRow | undefined)[];
    const hit = memo[proc];
    // Stryker disable next-line ConditionalExpression: a memo (see the class comment)
    if (hit !== undefined) return hit;
    // Stryker disable next-line ConditionalExpression: frozen tables (see the class comment)
    if (this.isFrozen) return missed();
    const after = this.algorithm.after;
    if (after === undefined) return NONE;
    const r = this.call(`after at ${this.who(p)}`, () => after.call(this.algorithm, this.procs.values[proc], this.contexts[p] as ProcessContext));
    const row = this.compile(p, 'after', r);
    memo[proc] = row;
    this.computed++;
    return row;
  }

  /**
   * Computes every row the algorithm can need, over-approximating what the product can reach: every process
   * state its handlers lead to, with every channel state, recording/blocked bits, control payload and piggyback
   * they can produce for that channel. False when that takes computing more than `limit` new rows, or a handler fails on an
   * input the product may never present (the product search then meets the failure, if it is real).
   */
  close(limit: number, staleToo: boolean): boolean {
    const n = this.model.topology.n;
    const C = this.from.length;
    const procSeen = Array.from({ length: n }, (_, p) => new Set([this.initialProcs[p] as number]));
    const chanSeen = Array.from({ length: C }, (_, c) => new Set([this.initialChannels[c] as number]));
    // Stryker disable next-line ArrayDeclaration: the channel words tried always include no bits; the 0 here only adds one to every size()
    const bitsSeen = Array.from({ length: C }, () => new Set([0]));
    const payloadSeen = Array.from({ length: C }, () => new Set<number>());
    const pigSeen = Array.from({ length: C }, () => new Set([0]));
    const budget = this.computed + limit;
    const absorb = (p: number, row: AlgRow | null): void => {
      if (row === null) return;
      if (row.next >= 0) procSeen[p]!.add(row.next);
      const ops = row.ops;
      // Stryker disable next-line EqualityOperator: (`<=`) the extra turn reads no opcode, which matches none
      for (let i = 0; i < ops.length; i += 3) {
        const [op, a, b] = [ops[i], ops[i + 1] as number, ops[i + 2] as number];
        if (op === OP_SEND || op === OP_SEND_AHEAD) payloadSeen[a]!.add(b);
        else if (op === OP_SET_CHANNEL) chanSeen[a]!.add(b);
        // A blocked channel is never delivered on, so no handler is asked a word with BLOCKED_BIT: it is not tried.
        else if (op === OP_START) bitsSeen[a]!.add(RECORDING_BIT);
      }
    };
    const size = (): number =>
      procSeen.reduce((t, s) => t + s.size, 0) + chanSeen.reduce((t, s) => t + s.size, 0) + bitsSeen.reduce((t, s) => t + s.size, 0) +
      payloadSeen.reduce((t, s) => t + s.size, 0) + pigSeen.reduce((t, s) => t + s.size, 0);
    try {
      for (let before = -1; before !== size(); ) {
        before = size();
        for (let p = 0; p < n; p++)
          for (const proc of [...procSeen[p]!]) {
            absorb(p, this.initiate(p, proc));
            absorb(p, this.after(p, proc));
            absorb(p, this.step(p, proc));
            for (const c of this.outChannel[p]!) {
              if (c < 0) continue;
              const s = this.send(c, proc);
              if (s.next >= 0) procSeen[p]!.add(s.next);
              pigSeen[c]!.add(s.piggyback);
            }
            for (const c of this.inChannel[p]!) {
              if (c < 0) continue;
              const r = bitsSeen[c]!.has(RECORDING_BIT) ? RECORDING_BIT : 0;
              const combos = [...chanSeen[c]!].flatMap((id) => [0, r].map((bits) => (id << CHANNEL_SHIFT) | bits));
              for (const w of new Set(combos)) {
                for (const m of payloadSeen[c]!) {
                  absorb(p, this.control(c, proc, w, m, false));
                  if (staleToo) absorb(p, this.control(c, proc, w, m, true));
                }
                // Stryker disable next-line ConditionalExpression: (`true`) receive() of an algorithm without receive returns NONE and computes no row
                if (this.hasReceive)
                  for (const g of pigSeen[c]!) {
                    absorb(p, this.receive(c, proc, w, g));
                    if (this.restores) absorb(p, this.receive(c, proc, w, g, true));
                  }
              }
            }
            if (this.computed > budget) return false;
          }
      }
    } catch {
      return false;
    }
    return true;
  }

  /**
   * What `send` has attached so far: how many (sender state, channel) rows were computed, whether one of them
   * attached nothing, and how many distinct piggybacks there are. A row is computed when a reachable state sends,
   * so after a search with lazy (unclosed) tables this describes the messages that search sent.
   */
  sentPiggybacks(): { readonly rows: number; readonly bare: boolean; readonly values: number } {
    let rows = 0;
    let bare = false;
    for (const list of this.memo.send)
      for (const r of list)
        if (r !== undefined) {
          rows++;
          if (r.piggyback === 0) bare = true;
        }
    return { rows, bare, values: this.piggybacks.values.length };
  }

  /** The closed tables, for a search thread (call `close` first). */
  freeze(): FrozenAlgorithm {
    return {
      name: this.algorithm.name,
      initialProcs: this.initialProcs,
      initialChannels: this.initialChannels,
      handlers: [this.hasReceive, this.hasSend, this.hasAfter, this.hasStep],
      memo: this.memo,
    };
  }

  // ---- reading words back, for reports ----
  procValue(word: number): unknown {
    return this.procs.values[word >> 1];
  }
  channelValue(word: number): unknown {
    return this.channels.values[word >> CHANNEL_SHIFT];
  }
  payloadValue(id: number): unknown {
    return this.payloads.values[id];
  }
  piggybackValue(id: number): unknown {
    // Stryker disable next-line ConditionalExpression: (`false`) piggybacks.values[-1] is undefined, as is no piggyback
    return id === 0 ? undefined : this.piggybacks.values[id - 1];
  }

  private inView(c: number, word: number): { from: number; state: unknown; recording: boolean; blocked: boolean } {
    return {
      from: this.from[c] as number,
      state: this.channels.values[word >> CHANNEL_SHIFT],
      recording: (word & RECORDING_BIT) !== 0,
      blocked: (word & BLOCKED_BIT) !== 0,
    };
  }

  private call<T>(what: string, f: () => T): T {
    const name = `algorithm '${this.algorithm.name}' ${what}`;
    try {
      return watched(name, f);
    } catch (e) {
      if (e instanceof CutcheckFailure) throw e;
      return fail('CC006', `${name} threw: ${describe(e)}`);
    }
  }

  private who(p: number): string {
    return processName(this.model.topology, p);
  }
  private channelName(from: number, to: number): string {
    return `${this.who(from)}→${this.who(to)}`;
  }

  /** Checks a handler's reaction and compiles it; every mistake is one CC006 line naming the handler and process. */
  private compile(p: number, handler: Handler, r: unknown): AlgRow {
    const name = this.algorithm.name;
    const where = `${handler} at ${this.who(p)}`;
    const bad = (what: string): never => fail('CC006', `algorithm '${name}' ${where}: ${what}`);
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return bad(`must return { next?, effects? }, got ${kind(r)}`);
    const extra = unknownKey(r, REACTION_KEYS, `the reaction of ${where}`);
    if (extra !== null) return fail('CC006', `algorithm '${name}': ${extra}`);
    const o = r as { next?: unknown; effects?: unknown };
    const next = o.next === undefined ? -1 : this.procs.id(o.next, `algorithm '${name}' ${where}'s next state`);
    if (o.effects === undefined) return { next, ops: NONE.ops };
    if (!Array.isArray(o.effects)) return bad(`effects must be an array, got ${kind(o.effects)}`);
    const ops: number[] = [];
    const inCh = (q: unknown): number => {
      if (!Number.isInteger(q)) return bad(`names the in-channel from ${jsonText(q)}, which is not a process number`);
      const c = (this.inChannel[p] as Int32Array)[q as number] ?? -1;
      return c >= 0 ? c : bad(`names the in-channel from ${String(q)}, but ${this.who(p)} has no channel from ${String(q)}`);
    };
    for (const e of o.effects as unknown[]) {
      if (typeof e !== 'object' || e === null) return bad(`an effect must be an object like { kind: 'record' }, got ${kind(e)}`);
      const k = (e as { kind?: unknown }).kind;
      const fields = typeof k === 'string' && Object.hasOwn(EFFECT_FIELDS, k) ? EFFECT_FIELDS[k] : undefined;
      if (fields === undefined) return bad(`unknown effect kind ${jsonText(k)}; expected one of ${Object.keys(EFFECT_FIELDS).join(', ')}`);
      const extraField = unknownKey(e, ['kind', ...fields], `a '${String(k)}' effect of ${where}`);
      if (extraField !== null) return fail('CC006', `algorithm '${name}': ${extraField}`);
      const f = e as { from?: unknown; to?: unknown; payload?: unknown; state?: unknown; overtake?: unknown };
      const outCh = (q: unknown, what: string): number => {
        if (!Number.isInteger(q)) return bad(`${what} ${jsonText(q)}, which is not a process number`);
        const c = (this.outChannel[p] as Int32Array)[q as number] ?? -1;
        return c >= 0 ? c : bad(`${what} ${String(q)}, but there is no channel ${p}>${String(q)}`);
      };
      switch (k) {
        case 'record':
          ops.push(OP_RECORD, 0, 0);
          break;
        case 'start-recording':
          ops.push(OP_START, inCh(f.from), 0);
          break;
        case 'stop-recording':
          ops.push(OP_STOP, inCh(f.from), 0);
          break;
        case 'append':
          if (handler !== 'receive') bad(`'append' adds the arriving application message, so it belongs in receive`);
          ops.push(OP_APPEND, 0, 0);
          break;
        case 'send': {
          const c = outCh(f.to, 'sends to');
          if (f.overtake !== undefined && typeof f.overtake !== 'boolean') bad(`a send's overtake must be true or false, got ${kind(f.overtake)}`);
          const id = this.payloads.id(f.payload === undefined ? null : f.payload, `a control payload sent by ${where}`);
          // Stryker disable next-line all: reaching it needs 2^26 distinct control payloads interned, far past any memory a search has
          if (id >= 1 << 26) bad('too many distinct control payloads');
          ops.push(f.overtake === true ? OP_SEND_AHEAD : OP_SEND, c, id);
          break;
        }
        case 'record-outgoing':
          ops.push(OP_RECORD_OUTGOING, outCh(f.to, 'records the out-channel to'), 0);
          break;
        case 'block':
          ops.push(OP_BLOCK, inCh(f.from), 0);
          break;
        case 'unblock':
          ops.push(OP_UNBLOCK, inCh(f.from), 0);
          break;
        case 'set-channel': {
          const c = inCh(f.from);
          if (f.state === undefined) bad(`'set-channel' needs a state`);
          ops.push(OP_SET_CHANNEL, c, this.channels.id(f.state, `a channel state set by ${where}`));
          break;
        }
        case 'complete':
          ops.push(OP_COMPLETE, 0, 0);
          break;
        default:
          ops.push(OP_RECORD_QUEUED, inCh(f.from), 0);
      }
    }
    return { next, ops: Int32Array.from(ops) };
  }
}

function missed(): never {
  throw new Error('internal: a search thread met an algorithm input its frozen tables do not hold');
}

function kind(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x;
}
