// Generates a Promela model of Chandy-Lamport over the bank or token workload, one d_step per canonical
// atomic step (SEMANTICS.md), so SPIN's state count is the full system state count cutcheck explores.

export type Channel = [number, number];

export type Workload =
  | { kind: 'bank'; balance: number; transfers: number }
  | { kind: 'token'; hops: number };

export interface PromelaOptions {
  n: number;
  channels: Channel[];
  workload: Workload;
  discipline: 'fifo' | 'unordered';
  initiators: number[];
}

/** Encoding choices that do not change the canonical state space (only how SPIN stores it). */
export interface PromelaExtras {
  /**
   * `counters` (default): an unordered channel is one counter per message value plus a marker bit.
   * `sorted-chan`: a Promela chan with sorted send `!!` and random receive `??`, so its contents stay
   * in canonical (sorted) order. Both give the same state count.
   */
  unorderedAs?: 'counters' | 'sorted-chan';
  /** Assert the workload invariant after every step (default true). */
  invariant?: boolean;
  /** Assert, in every terminal state, that the snapshot completed (default true). */
  terminal?: boolean;
}

/** Parses complete:N, ring:N, biring:N, star:N, line:N and edges:0>1,1>2 into processes and channels. */
export function parseTopology(s: string): { n: number; channels: Channel[] } {
  const colon = s.indexOf(':');
  if (colon < 0) throw new Error(`topology "${s}": expected kind:arg`);
  const kind = s.slice(0, colon).trim();
  const arg = s.slice(colon + 1).trim();
  const out: Channel[] = [];
  const add = (i: number, j: number): void => {
    if (i === j) throw new Error(`topology "${s}": self-channel ${i}>${j}`);
    if (!out.some(([a, b]) => a === i && b === j)) out.push([i, j]);
  };
  if (kind === 'edges') {
    let max = -1;
    for (const part of arg.split(',')) {
      const m = /^\s*(\d+)\s*>\s*(\d+)\s*$/.exec(part);
      if (!m) throw new Error(`topology "${s}": bad edge "${part}"`);
      const i = Number(m[1]);
      const j = Number(m[2]);
      add(i, j);
      max = Math.max(max, i, j);
    }
    return { n: max + 1, channels: out };
  }
  if (!/^\d+$/.test(arg)) throw new Error(`topology "${s}": expected a process count`);
  const n = Number(arg);
  if (n < 1) throw new Error(`topology "${s}": need at least one process`);
  switch (kind) {
    case 'complete':
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) add(i, j);
      break;
    case 'ring':
    case 'biring':
      if (n < 2) throw new Error(`topology "${s}": a ring needs at least 2 processes`);
      for (let i = 0; i < n; i++) {
        add(i, (i + 1) % n);
        if (kind === 'biring') add((i + 1) % n, i);
      }
      break;
    case 'star':
      for (let i = 1; i < n; i++) {
        add(0, i);
        add(i, 0);
      }
      break;
    case 'line':
      for (let i = 0; i + 1 < n; i++) {
        add(i, i + 1);
        add(i + 1, i);
      }
      break;
    default:
      throw new Error(`topology "${s}": unknown kind "${kind}"`);
  }
  return { n, channels: out };
}

/** Parses bank:B,K and token:H. */
export function parseWorkload(s: string): Workload {
  const bank = /^bank:(\d+),(\d+)$/.exec(s.trim());
  if (bank) return { kind: 'bank', balance: Number(bank[1]), transfers: Number(bank[2]) };
  const token = /^token:(\d+)$/.exec(s.trim());
  if (token) return { kind: 'token', hops: Number(token[1]) };
  throw new Error(`workload "${s}": expected bank:B,K or token:H`);
}

/** Smallest Promela integer type holding 0..max. */
function typeFor(max: number): string {
  if (max <= 1) return 'bit';
  if (max <= 255) return 'byte';
  if (max <= 32767) return 'short';
  return 'int';
}

const sum = (terms: string[]): string => (terms.length === 0 ? '0' : terms.join(' + '));
const all = (terms: string[]): string => (terms.length === 0 ? '1' : terms.map((t) => `(${t})`).join(' && '));

export function promelaFor(opts: PromelaOptions, extras: PromelaExtras = {}): string {
  const { n, channels, workload, discipline, initiators } = opts;
  const unorderedAs = extras.unorderedAs ?? 'counters';
  const checkInvariant = extras.invariant ?? true;
  const checkTerminal = extras.terminal ?? true;

  if (!Number.isInteger(n) || n < 1) throw new Error(`n must be a positive integer, got ${n}`);
  const seen = new Set<string>();
  for (const [i, j] of channels) {
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= n || j >= n || i === j) {
      throw new Error(`bad channel ${i}>${j} for ${n} processes`);
    }
    const key = `${i}>${j}`;
    if (seen.has(key)) throw new Error(`duplicate channel ${key}`);
    seen.add(key);
  }
  for (const p of initiators) {
    if (!Number.isInteger(p) || p < 0 || p >= n) throw new Error(`bad initiator ${p}`);
  }
  const inits = [...new Set(initiators)].sort((a, b) => a - b);

  const bank = workload.kind === 'bank';
  // Values an application message can carry: bank always moves 1 unit; the token carries hops 0..H-1.
  const values: number[] = bank ? [1] : Array.from({ length: workload.hops }, (_, v) => v);
  if (bank) {
    if (workload.balance < 0 || workload.transfers < 0) throw new Error('bank: negative parameter');
  } else if (workload.hops < 0 || workload.hops > 30) {
    throw new Error('token: hops must be in 0..30');
  }
  const MK = 255; // above every application value (bank: 1; token: hops <= 30), so sorted channels put it last

  const cn = (c: Channel): string => `${c[0]}_${c[1]}`;
  const outOf = (p: number): Channel[] => channels.filter((c) => c[0] === p);
  const into = (p: number): Channel[] => channels.filter((c) => c[1] === p);
  const counters = discipline === 'unordered' && unorderedAs === 'counters';
  const sendOp = discipline === 'unordered' ? '!!' : '!';
  const recvOp = discipline === 'unordered' ? '??' : '?';

  // Bounds: each bank process sends at most K messages, so a channel holds at most K + 1 (one marker).
  const maxApp = bank ? workload.transfers : 1;
  const capacity = maxApp + 1;
  const total = bank ? n * workload.balance : 1;

  const L: string[] = [];
  const wl = bank ? `bank:${workload.balance},${workload.transfers}` : `token:${workload.hops}`;
  L.push(`/* cutcheck bench: Chandy-Lamport over ${wl}, ${n} processes, ${channels.length} ${discipline} channels,`);
  L.push(`   initiators {${inits.join(',')}}; one d_step per canonical atomic step, no ghost variables. */`);
  L.push(`#define MK ${MK}`);
  L.push('');

  // Per-process state: local state, recorded flag, recorded local state.
  for (let p = 0; p < n; p++) {
    if (bank) {
      const bt = typeFor(total);
      const kt = typeFor(workload.transfers);
      L.push(`${bt} bal_${p} = ${workload.balance}; ${kt} left_${p} = ${workload.transfers};`);
      L.push(`bit rec_${p}; ${bt} rbal_${p}; ${kt} rleft_${p};`);
    } else {
      const ht = typeFor(workload.hops);
      L.push(`bit hold_${p} = ${p === 0 ? 1 : 0}; ${ht} hops_${p} = ${p === 0 ? workload.hops : 0};`);
      L.push(`bit rec_${p}; bit rhold_${p}; ${ht} rhops_${p};`);
    }
  }
  L.push('');
  // Per-channel state: contents, recording status (0 idle, 1 recording, 2 closed), recorded contents.
  // Bank: recorded contents are k messages of 1 unit, a count. Token: hops strictly decrease along the
  // token's path, so a recorded sequence of tokens is exactly the set of their hops, a bitmask.
  const maskType = bank ? '' : typeFor(2 ** workload.hops - 1);
  for (const c of channels) {
    const x = cn(c);
    if (counters) {
      if (bank) L.push(`${typeFor(maxApp)} n${x}; bit mk${x};`);
      else L.push(`bit t${x}[${Math.max(1, workload.hops)}]; bit mk${x};`);
    } else {
      L.push(`chan c${x} = [${capacity}] of { byte };`);
    }
    if (bank) L.push(`byte st${x}; ${typeFor(maxApp)} rn${x};`);
    else L.push(`byte st${x}; ${maskType} rm${x};`);
  }
  L.push('');

  const markerIn = (c: Channel): string => `(rec_${c[0]} && st${cn(c)} != 2)`;
  const appInFlight = (c: Channel): string => {
    const x = cn(c);
    if (counters) return bank ? `n${x}` : sum(values.map((v) => `t${x}[${v}]`));
    return `(len(c${x}) - ${markerIn(c)})`;
  };
  const complete = all([
    ...Array.from({ length: n }, (_, p) => `rec_${p}`),
    ...channels.map((c) => `st${cn(c)} == 2`),
  ]);
  const popcount = (x: string): string[] => values.map((v) => `((${x} >> ${v}) & 1)`);
  // Bank: recorded money is conserved, and no channel recorded more messages than its sender had sent
  // when it recorded (K - rleft), which rules out phantoms without any ghost colour.
  const recordedOk = bank
    ? all([
        `${sum([...Array.from({ length: n }, (_, p) => `rbal_${p}`), ...channels.map((c) => `rn${cn(c)}`)])} == ${total}`,
        ...channels.map((c) => `rn${cn(c)} + rleft_${c[0]} <= ${workload.transfers}`),
      ])
    : `${sum([...Array.from({ length: n }, (_, p) => `rhold_${p}`), ...channels.flatMap((c) => popcount(`rm${cn(c)}`))])} == 1`;
  const invariant = bank
    ? `${sum([...Array.from({ length: n }, (_, p) => `bal_${p}`), ...channels.map(appInFlight)])} == ${total}`
    : `${sum([...Array.from({ length: n }, (_, p) => `hold_${p}`), ...channels.map(appInFlight)])} == 1`;

  L.push(`#define COMPLETE (${complete})`);
  L.push(`#define RECORDED_OK (${recordedOk})`);
  L.push(`#define INVARIANT (${invariant})`);
  L.push('');

  const sendApp = (c: Channel, value: string): string => {
    const x = cn(c);
    if (!counters) return `c${x}${sendOp}${value}`;
    return bank ? `n${x}++` : `t${x}[${value}]++`;
  };
  const sendMarker = (c: Channel): string => (counters ? `mk${cn(c)} = 1` : `c${cn(c)}${sendOp}MK`);
  /** Recording at p, closing `via` (the channel its first marker came on) if any. */
  const record = (p: number, via: Channel | null): string[] => {
    const s: string[] = [`rec_${p} = 1`];
    if (bank) s.push(`rbal_${p} = bal_${p}`, `rleft_${p} = left_${p}`);
    else s.push(`rhold_${p} = hold_${p}`, `rhops_${p} = hops_${p}`);
    for (const c of outOf(p)) s.push(sendMarker(c));
    for (const c of into(p)) if (c !== via) s.push(`st${cn(c)} = 1`);
    if (via) s.push(`st${cn(via)} = 2`);
    return s;
  };
  const tail = (snapshotStep: boolean): string[] => {
    const s: string[] = [];
    if (snapshotStep) s.push('assert(!COMPLETE || RECORDED_OK)');
    if (checkInvariant) s.push('assert(INVARIANT)');
    return s;
  };
  const option = (guard: string, body: string[]): void => {
    L.push(`  :: d_step { ${guard} ->`);
    for (const st of body) L.push(`       ${st};`);
    L.push('     }');
  };

  L.push('active proctype system() {');
  L.push('end:');
  L.push('  do');
  // 1. Workload actions, with their sends.
  for (let p = 0; p < n; p++) {
    for (const c of outOf(p)) {
      if (bank) {
        option(`bal_${p} >= 1 && left_${p} >= 1`, [`bal_${p}--`, `left_${p}--`, sendApp(c, '1'), ...tail(false)]);
      } else {
        option(`hold_${p} && hops_${p} >= 1`, [
          sendApp(c, `hops_${p} - 1`),
          `hold_${p} = 0`,
          `hops_${p} = 0`,
          ...tail(false),
        ]);
      }
    }
  }
  // 2. Deliveries, with everything they cause.
  for (const c of channels) {
    const x = cn(c);
    const q = c[1];
    for (const v of values) {
      const slot = bank ? `n${x}` : `t${x}[${v}]`;
      const recv = counters ? `${slot} > 0` : `c${x}${recvOp}${v}`;
      const take = counters ? [`${slot}--`] : [];
      const handle = [...take, ...(bank ? [`bal_${q}++`] : [`hold_${q} = 1`, `hops_${q} = ${v}`])];
      const logIt = bank ? `rn${x}++` : `rm${x} = rm${x} | ${1 << v}`;
      option(recv, [...handle, `if :: st${x} == 1 -> ${logIt} :: else -> skip fi`, ...tail(false)]);
    }
    const recvMk = counters ? `mk${x}` : `c${x}${recvOp}MK`;
    const rec = record(q, c).join('; ');
    option(recvMk, [...(counters ? [`mk${x} = 0`] : []), `if :: rec_${q} -> st${x} = 2 :: else -> ${rec} fi`, ...tail(true)]);
  }
  // 3. Initiations.
  for (const p of inits) option(`!rec_${p}`, [...record(p, null), ...tail(true)]);
  // Terminal states must hold a complete snapshot. Inside one d_step this is a self-loop: no new state.
  if (checkTerminal) L.push('  :: d_step { timeout; assert(COMPLETE) }');
  L.push('  od');
  L.push('}');
  L.push('');
  return L.join('\n');
}
