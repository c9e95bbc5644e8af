// A small Chandy-Lamport implementation written for the tests of `admit --log`, independent of cutcheck's engine: it
// runs a script of sends and snapshot starts on a topology under a random schedule, as a course assignment's
// servers would, and writes the event log an implementation would write (one JSON object per line), with each
// snapshot it collects. Several snapshots may run at once. Markers are forwarded as separate steps after a
// recording, as a real implementation's sends are; a correct server sends a link's pending marker before any further
// message on that link. With `lateMarker`, a server sends application messages past a pending marker: the bug the
// log check must name.

export interface Sim {
  readonly log: string[];
  /** The lines (1-based) where a server sent a message past a pending marker on its link (the bug), in order. */
  readonly late: number[];
  /** Each collected snapshot, by id: tokens by server, messages recorded in flight by link 'SRC→DST'. */
  readonly collected: Map<number, { tokens: Record<string, number>; channels: Record<string, number[]> }>;
}

export interface SimTopology {
  readonly servers: readonly { readonly id: string; readonly tokens: number }[];
  readonly links: readonly { readonly src: string; readonly dst: string }[];
}

export type SimEvent = { readonly send: [string, string, number] } | { readonly snapshot: string };

type Item = { readonly kind: 'app'; readonly tokens: number; readonly id: string } | { readonly kind: 'marker'; readonly snapshot: number };

interface Recording {
  tokens: number;
  /** In-links still recording, by link index. */
  open: Set<number>;
  recorded: Map<number, number[]>;
}

export function simulate(
  t: SimTopology,
  script: readonly SimEvent[],
  random: () => number,
  options: { readonly unordered?: boolean; readonly lateMarker?: boolean; readonly omitFields?: boolean } = {},
): Sim {
  const tokens = new Map(t.servers.map((s) => [s.id, s.tokens]));
  const queues: Item[][] = t.links.map(() => []);
  const linkIndex = (src: string, dst: string): number => t.links.findIndex((l) => l.src === src && l.dst === dst);
  const ins = (s: string): number[] => t.links.flatMap((l, i) => (l.dst === s ? [i] : []));
  const outs = (s: string): number[] => t.links.flatMap((l, i) => (l.src === s ? [i] : []));
  const recordings = new Map<number, Map<string, Recording>>();
  /** Markers a server still has to send: link index → snapshot ids, in order. */
  const pending: number[][] = t.links.map(() => []);
  const log: string[] = [];
  const late: number[] = [];
  const collected: Sim['collected'] = new Map();
  let next = 0;
  let started = 0;
  let ids = 0;
  const write = (o: object): void => {
    log.push(JSON.stringify(o));
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

  const sendMarker = (c: number): void => {
    const s = pending[c]?.shift() as number;
    const l = t.links[c] as { src: string; dst: string };
    queues[c]?.push({ kind: 'marker', snapshot: s });
    write({ event: 'marker-sent', src: l.src, dst: l.dst, snapshot: s });
  };
  const record = (server: string, s: number): void => {
    const r: Recording = { tokens: tokens.get(server) as number, open: new Set(ins(server)), recorded: new Map() };
    (recordings.get(s) ?? recordings.set(s, new Map()).get(s))?.set(server, r);
    write({ event: 'record', server, snapshot: s, ...(options.omitFields === true && random() < 0.5 ? {} : { tokens: r.tokens }) });
    for (const c of outs(server)) pending[c]?.push(s);
  };
  const finish = (s: number): void => {
    const all = recordings.get(s) as Map<string, Recording>;
    if (all.size < t.servers.length || [...all.values()].some((r) => r.open.size > 0)) return;
    const snap = {
      tokens: Object.fromEntries(t.servers.map((x) => [x.id, all.get(x.id)?.tokens as number])),
      channels: Object.fromEntries(t.links.map((l, i) => [`${l.src}→${l.dst}`, all.get(l.dst)?.recorded.get(i) ?? []])),
    };
    collected.set(s, snap);
    write({
      event: 'snapshot',
      id: s,
      tokens: snap.tokens,
      messages: t.links.flatMap((l) => {
        const m = snap.channels[`${l.src}→${l.dst}`] ?? [];
        return m.length === 0 ? [] : [{ src: l.src, dst: l.dst, tokens: m }];
      }),
    });
  };

  for (;;) {
    const moves: (() => void)[] = [];
    const e = script[next];
    if (e !== undefined) {
      if ('snapshot' in e) moves.push(() => (next++, record(e.snapshot, started++)));
      else {
        const [src, dst, n] = e.send;
        if ((tokens.get(src) as number) >= n)
          moves.push(() => {
            next++;
            const c = linkIndex(src, dst);
            // A correct server sends the link's pending markers first; the buggy one sends past them.
            if ((pending[c]?.length ?? 0) > 0) {
              if (options.lateMarker === true) late.push(log.length + 1);
              else while ((pending[c]?.length ?? 0) > 0) sendMarker(c);
            }
            tokens.set(src, (tokens.get(src) as number) - n);
            const id = `m${ids++}`;
            queues[c]?.push({ kind: 'app', tokens: n, id });
            write({ event: 'send', src, dst, tokens: n, id });
          });
      }
    }
    pending.forEach((p, c) => {
      if (p.length > 0) moves.push(() => sendMarker(c));
    });
    queues.forEach((q, c) => {
      if (q.length === 0) return;
      const l = t.links[c] as { src: string; dst: string };
      const positions = options.unordered === true ? q.map((_, i) => i) : [0];
      for (const k of positions)
        moves.push(() => {
          const [m] = q.splice(k, 1) as [Item];
          if (m.kind === 'app') {
            tokens.set(l.dst, (tokens.get(l.dst) as number) + m.tokens);
            // Without an id a receive takes the head of a FIFO link (or its first message of those tokens); on an
            // unordered link it says which message it took.
            const named = options.omitFields !== true ? { tokens: m.tokens, id: m.id } : options.unordered === true ? { id: m.id } : pick([{}, { id: m.id }, { tokens: m.tokens }]);
            write({ event: 'receive', src: l.src, dst: l.dst, ...named });
            for (const rs of recordings.values()) {
              const r = rs.get(l.dst);
              if (r?.open.has(c) === true) r.recorded.set(c, [...(r.recorded.get(c) ?? []), m.tokens]);
            }
            return;
          }
          write({ event: 'marker-received', src: l.src, dst: l.dst, snapshot: m.snapshot });
          const r = recordings.get(m.snapshot)?.get(l.dst);
          if (r === undefined) record(l.dst, m.snapshot);
          recordings.get(m.snapshot)?.get(l.dst)?.open.delete(c);
          finish(m.snapshot);
        });
    });
    if (moves.length === 0) break;
    pick(moves)();
    // A snapshot whose initiator has no in-link may complete at its start.
    for (const s of recordings.keys()) if (!collected.has(s)) finish(s);
  }
  return { log, late, collected };
}
