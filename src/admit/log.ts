// admitLog(): does an implementation's event log fit the model, and is each snapshot it recorded the cut the model
// records along that very run? The log is replayed step by step against the scenario the log itself scripts (its
// sends, and its snapshot starts where they happen), once per snapshot: each replay follows one snapshot alone, the
// others overlapping it as the log places them (proofs/overlapping-snapshots.md: for Chandy-Lamport, the cut a
// snapshot records among the others is the one it records alone, along the same run with their markers erased).
//
// The model takes a recording and the markers it sends as one step; an implementation logs them one by one. So a
// replay keeps what the log still owes the model: the markers a recording put on each out-channel, which the log
// must show sent before anything else goes on that channel and before they are received, and the `record` line of a
// server that took its first marker, which must come before that server does anything else. The first event that
// cannot happen is named, with what could have happened there instead. Results as data; nothing here prints.

import { type Result, capture, err, fail, ok } from '../errors.ts';
import type { Model, ModelSpec } from '../model/types.ts';
import { MAX_SNAPSHOTS, resolveModel } from '../model/define.ts';
import { PathChecker, type Enabled, withPathChecker } from '../check/path.ts';
import type { StateView, Trace } from '../check/result.ts';
import { buildTrace } from '../check/trace.ts';
import { DEFAULT_CAPACITY } from '../check/verify.ts';
import { COMPLETED } from '../system/system.ts';
import type { Step } from '../system/step.ts';
import type { ScriptState } from '../workloads/script.ts';
import type { RecordedSnapshot, ScenarioTopology } from './formats.ts';
import { type LogEvent, type LogStart, logScript } from './log-format.ts';
import { type Difference, type ScenarioCut, type Terms, differences, inFlight, recordedCut, same } from './admit.ts';
import { scenarioModel } from './scenario.ts';

export interface AdmitLogOptions {
  readonly discipline?: 'fifo' | 'unordered';
}

/** The first event of the log that cannot happen. */
export interface LogMisfit {
  /** Its line in the log; for a log that ends owing an event, the last line. */
  readonly line: number;
  /** The event as the log has it, one line of JSON; absent when the log ended too soon. */
  readonly event?: string;
  /** The snapshot (the log's id) whose replay it broke, when it concerns one. */
  readonly snapshot?: number;
  /** Why it cannot happen there, in a sentence or two. */
  readonly reason: string;
  /** What could have happened there instead, in the log's terms. */
  readonly couldHave: readonly string[];
}

/** One snapshot the log started, judged against the model's cut along the log's run. */
export interface LogSnapshotVerdict {
  /** The snapshot's id in the log. */
  readonly id: number;
  /** What was compared: a snapshot file, the log's collected snapshot (`LOG:LINE`), or null when neither was given (the record lines alone were checked). */
  readonly file: string | null;
  readonly verdict: 'admitted' | 'refused';
  /** The line that completed the snapshot in the model, when it completed. */
  readonly completedAt?: number;
  /** The cut the model records along the log's run. */
  readonly cut?: ScenarioCut;
  /** The log's run as the model's steps, following this snapshot: their codes, and the trace (made on demand: a long log makes a long trace). */
  readonly run?: LogRun;
  /** Refused: each difference between the recorded snapshot and the model's cut, in a sentence. */
  readonly differences?: readonly Difference[];
  /** Refused without a cut to compare: why. */
  readonly reason?: string;
}

export interface AdmitLogResult {
  readonly model: ModelSpec<ScriptState, number>;
  /** Events in the log (ticks included). */
  readonly events: number;
  /** The snapshots the log starts, in order. */
  readonly starts: readonly LogStart[];
  /** Absent when every event of the log can happen in order. */
  readonly misfit?: LogMisfit;
  /** Judged only when the log fits: one entry per recorded snapshot (files, then the log's own), and one per started snapshot none records. */
  readonly snapshots: readonly LogSnapshotVerdict[];
  readonly elapsedMs: number;
}

/**
 * Replays `log` (read from `logFile`, which errors name) against its scenario and judges each recorded snapshot
 * (`recorded`: snapshot files; the log's own collected snapshots are added) against the model's cut along that run.
 * A receive on an unordered link that does not say which message it took, where that matters, is a CC013 error.
 */
export function admitLog(topology: ScenarioTopology, log: readonly LogEvent[], logFile: string, recorded: readonly RecordedSnapshot[], options: AdmitLogOptions = {}): Result<AdmitLogResult> {
  const start = performance.now();
  const { events, starts } = logScript(log);
  if (starts.size > MAX_SNAPSHOTS) return err('CC008', `${logFile} starts ${starts.size} snapshots; cutcheck follows at most ${MAX_SNAPSHOTS} in one log`);
  const how = { order: 'global' as const, ...(options.discipline === undefined ? {} : { discipline: options.discipline }) };
  const spec = scenarioModel(topology, events, how);
  if (!spec.ok) return spec;
  const terms: Terms = {
    names: topology.servers.map((s) => s.id),
    links: topology.links.map((l) => `${l.src}→${l.dst}`),
    unordered: (spec.value.network?.discipline ?? 'fifo') === 'unordered',
  };
  const base = { model: spec.value, events: log.length, starts: [...starts.values()] };
  const never = unstarted(log, starts);
  const runs: Run[] = [];
  // With no snapshot, one replay checks the application's events; else one per snapshot, each following it alone.
  for (const s of starts.size === 0 ? [null] : [...starts.values()]) {
    const tracked = scenarioModel(topology, events, { ...how, ...(s === null ? {} : { track: s.index }) });
    const model = tracked.ok ? resolveModel(tracked.value as unknown as ModelSpec<unknown, unknown>) : tracked;
    if (!model.ok) return model;
    const run = withPathChecker(model.value, DEFAULT_CAPACITY, (checker) => capture(() => replay(checker, log, logFile, s, starts, terms)));
    if (!run.ok) return run;
    runs.push(run.value);
  }
  // The first event that cannot happen; of two misfits on one line, a snapshot that never started is named first.
  const misfits = [...(never === null ? [] : [never]), ...runs.flatMap((r) => (r.misfit === undefined ? [] : [r.misfit]))];
  const first = misfits.reduce<LogMisfit | undefined>((a, m) => (a === undefined || m.line < a.line ? m : a), undefined);
  if (first !== undefined) return ok({ ...base, misfit: first, snapshots: [], elapsedMs: performance.now() - start });
  const given = [...recorded, ...log.flatMap((e) => (e.kind === 'snapshot' ? [e.recorded] : []))];
  const snapshots: LogSnapshotVerdict[] = given.map((r) => judge(r, runs, starts, terms));
  for (const s of starts.values())
    if (!given.some((r) => r.id === s.id)) snapshots.push(judgeRun(runs.find((r) => r.start === s) as Run, null, terms));
  return ok({ ...base, snapshots, elapsedMs: performance.now() - start });
}

/** A log's run in the model. */
export interface LogRun {
  readonly codes: readonly number[];
  trace(): Trace;
}

/** One replay of the whole log, following one snapshot (or none). */
interface Run {
  readonly start: LogStart | null;
  readonly misfit?: LogMisfit;
  /** The followed snapshot's cut along the run, and the line that completed it. */
  readonly completed?: { readonly line: number; readonly cut: ScenarioCut };
  /** Why the followed snapshot did not complete, when it did not. */
  readonly pending: readonly string[];
  readonly run: LogRun;
}

/** A message in flight on a link, as the log sent it. */
type InFlight =
  | { readonly kind: 'app'; readonly tokens: number; readonly id?: string; readonly line: number; post: boolean }
  | { readonly kind: 'marker'; readonly line: number; sent: boolean };

const tokensText = (n: number): string => `${n} token${n === 1 ? '' : 's'}`;
const eventText = (e: LogEvent): string => {
  if (e.kind === 'snapshot') return JSON.stringify({ event: 'snapshot', id: e.recorded.id });
  return JSON.stringify({ event: e.kind, ...Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'line' && k !== 'kind')) });
};

/** The first event of a log naming a snapshot that no line before it started, as a misfit; or null. */
function unstarted(log: readonly LogEvent[], starts: ReadonlyMap<number, LogStart>): LogMisfit | null {
  for (const e of log) {
    if (e.kind !== 'marker-sent' && e.kind !== 'marker-received' && e.kind !== 'record') continue;
    const s = starts.get(e.snapshot);
    if (s !== undefined && s.line <= e.line) continue;
    return {
      line: e.line,
      event: eventText(e),
      snapshot: e.snapshot,
      reason: `snapshot ${e.snapshot} has not started here: a snapshot starts where a server records it without having received its marker${s === undefined ? ', and no line of the log does' : `, which the log does first on line ${s.line}`}`,
      couldHave: [],
    };
  }
  return null;
}

/**
 * Replays the log against `checker`'s model, which follows snapshot `followed` (null: none). Events of the other
 * snapshots are left to their own replays, but for their starts, which take their turn in the script.
 */
function replay(checker: PathChecker, log: readonly LogEvent[], logFile: string, followed: LogStart | null, starts: ReadonlyMap<number, LogStart>, terms: Terms): Run {
  const { sys, viewer } = checker;
  const model: Model = checker.model;
  const n = model.topology.n;
  const channels = model.topology.channels;
  const name = (p: number): string => terms.names[p] as string;
  const linkOf = (src: string, dst: string): number => terms.links.indexOf(`${src}→${dst}`);
  const serverOf = (id: string): number => terms.names.indexOf(id);
  // The run so far: its step codes (for the witness) and the state it reached, settled once a snapshot completed.
  const codes: number[] = [];
  let state = new Int32Array(sys.width);
  sys.initial(state);
  const run: LogRun = { codes, trace: () => buildTrace(viewer, codes) };
  const flight: InFlight[][] = channels.map(() => []);
  /** Servers that took their first marker and whose `record` line the log still owes, with the line of that marker. */
  const owesRecord = new Map<number, number>();
  /** What each server recorded in the model, and the line where it did, once it has. */
  const recordedAt = new Map<number, { readonly tokens: number; readonly line: number; logged: boolean }>();
  let completed: Run['completed'];
  const id = followed?.id;
  const snap = `snapshot ${id ?? 0}`;
  const startOf = new Map([...starts.values()].map((s) => [s.index, s]));

  const take = (code: number, line: number): void => {
    const cur = state;
    const wasRecorded = Array.from({ length: n }, (_, p) => sys.isRecorded(cur, p));
    const after = new Int32Array(sys.width);
    const event = sys.apply(cur, after, code);
    codes.push(code);
    // Made only for a step that records or completes: most steps do neither, and a view is not cheap.
    let view: StateView | undefined;
    const seen = (): StateView => (view ??= viewer.state(after));
    // A script's local state is its tokens and a count of events done; an implementation records the tokens.
    const recordedTokens = (p: number): number => (seen().processes[p]?.recordedValue as ScriptState).tokens;
    for (let p = 0; p < n; p++) {
      if (wasRecorded[p] === true || !sys.isRecorded(after, p)) continue;
      // The model recorded p and put a marker on each of its out-channels, in this one step.
      recordedAt.set(p, { tokens: recordedTokens(p), line, logged: false });
      channels.forEach((c, i) => {
        if (c.from === p) flight[i]?.push({ kind: 'marker', line, sent: false });
      });
    }
    if ((event & COMPLETED) !== 0) {
      completed = {
        line,
        cut: {
          tokens: Object.fromEntries(terms.names.map((s, p) => [s, recordedTokens(p)])),
          channels: Object.fromEntries(terms.links.map((l, i) => [l, inFlight(terms, (seen().channels[i]?.recordedValues ?? []) as number[])])),
        },
      };
      // Once the snapshot is over the model forgets which messages were sent after a recording: so does the replay.
      for (const q of flight) for (const m of q) if (m.kind === 'app') m.post = false;
      sys.settle(after);
    }
    state = after;
  };
  const enabled = (): Enabled[] => checker.enabled(state);
  const find = (match: (s: Step) => boolean): number | null => enabled().find((e) => match(e.step))?.code ?? null;

  /** What the log could have said next, for a misfit. */
  const couldHave = (): string[] => {
    const out: string[] = [];
    for (const [p, line] of owesRecord) out.push(`${name(p)} records ${snap} (it took its first marker on line ${line})`);
    flight.forEach((q, i) => {
      for (const m of q) if (m.kind === 'marker' && !m.sent) out.push(`${name(channels[i]?.from as number)} sends the marker of ${snap} on ${terms.links[i]} (it recorded on line ${m.line})`);
    });
    for (const e of enabled()) {
      const s = e.step;
      if (s.kind === 'act') {
        const server = name(s.process);
        const send = /^send (\d+) to (.+)$/.exec(s.label);
        if (send !== null) {
          // The log's next send, unless its link still owes a marker (which must go first).
          const q = flight[linkOf(server, send[2] as string)] ?? [];
          if (!q.some((m) => m.kind === 'marker' && !m.sent)) out.push(`${server} sends ${tokensText(Number(send[1]))} to ${send[2]} (the log's next send)`);
        } else out.push(`${server} starts snapshot ${startOf.get(Number(s.label.replace(/\D+/g, '')))?.id ?? '?'}`);
      } else if (s.kind === 'deliver') {
        const q = flight[s.channel] ?? [];
        const link = terms.links[s.channel] as string;
        if (s.message.kind === 'marker') {
          if (q.some((m) => m.kind === 'marker' && m.sent)) out.push(`${name(s.to)} receives the marker of ${snap} on ${link}`);
        } else {
          const m = q.find((x) => x.kind === 'app' && x.tokens === s.message.payload);
          const sent = m === undefined ? '' : ` (sent on line ${m.line}${m.kind === 'app' && m.id !== undefined ? `, id ${m.id}` : ''})`;
          out.push(`${name(s.to)} receives token(${String(s.message.payload)}) on ${link}${sent}`);
        }
      }
    }
    return [...new Set(out)];
  };
  const misfit = (e: LogEvent, reason: string, snapshot?: number): Run => ({
    start: followed,
    misfit: { line: e.line, event: eventText(e), ...(snapshot === undefined ? {} : { snapshot }), reason, couldHave: couldHave() },
    pending: [],
    run,
  });
  /** A server that must record before anything else: the misfit of its doing `what` first, or null. */
  const mustRecordFirst = (e: LogEvent, p: number, what: string): Run | null => {
    const line = owesRecord.get(p);
    return line === undefined
      ? null
      : misfit(e, `${name(p)} took its first marker of ${snap} on line ${line}, and Chandy-Lamport records at once, before anything else; here it ${what} before its record line`, id);
  };

  for (const e of log) {
    switch (e.kind) {
      case 'tick':
      case 'snapshot':
        break;
      case 'send': {
        const p = serverOf(e.src);
        const c = linkOf(e.src, e.dst);
        const early = mustRecordFirst(e, p, `sends ${tokensText(e.tokens)} to ${e.dst}`);
        if (early !== null) return early;
        const owed = flight[c]?.find((m) => m.kind === 'marker' && !m.sent);
        if (owed !== undefined)
          return misfit(
            e,
            `${e.src} sends ${tokensText(e.tokens)} on ${e.src}→${e.dst} before the marker of ${snap}: it recorded on line ${owed.line}, and Chandy-Lamport sends a marker on every out-channel right after recording, before any further message (a marker forwarded this late lets ${e.dst} count this message in its state or on the link when it should not)`,
            id,
          );
        const code = find((s) => s.kind === 'act' && s.process === p && s.label.startsWith('send'));
        if (code === null) {
          const held = viewer.state(state).processes[p]?.localValue as ScriptState;
          return misfit(e, `${e.src} holds ${tokensText(held.tokens)} here in the model, so it cannot send ${e.tokens}: the tokens it would send have not arrived (or it was sent more than it had)`);
        }
        const post = sys.isRecorded(state, p);
        take(code, e.line);
        flight[c]?.push({ kind: 'app', tokens: e.tokens, ...(e.id === undefined ? {} : { id: e.id }), line: e.line, post });
        break;
      }
      case 'receive': {
        const p = serverOf(e.dst);
        const c = linkOf(e.src, e.dst);
        const q = flight[c] as InFlight[];
        const link = `${e.src}→${e.dst}`;
        const early = mustRecordFirst(e, p, `receives a message on ${link}`);
        if (early !== null) return early;
        const apps = q.filter((m): m is Extract<InFlight, { kind: 'app' }> => m.kind === 'app');
        const m = e.id !== undefined ? apps.find((x) => x.id === e.id) : e.tokens !== undefined ? apps.find((x) => x.tokens === e.tokens) : apps[0];
        // On an unordered link, a receive that does not say which message it took must not matter to the snapshot.
        if (terms.unordered && e.id === undefined && m !== undefined) {
          const other = apps.find((x) => (e.tokens === undefined || x.tokens === e.tokens) && (x.tokens !== m.tokens || x.post !== m.post));
          if (other !== undefined)
            fail(
              'CC013',
              `${logFile}:${e.line}: this receive on the unordered link ${link} may be token(${m.tokens}) sent on line ${m.line} or token(${other.tokens}) sent on line ${other.line}, which ${snap} tells apart; give the message's "id" (and its send the same id)`,
            );
        }
        if (m === undefined) {
          const what = e.id !== undefined ? `message ${e.id}` : e.tokens !== undefined ? `token(${e.tokens})` : 'a message';
          return misfit(e, `${what} is not in flight on ${link} here: ${apps.length === 0 ? 'no message sent on it is still unreceived' : `in flight there: ${apps.map((x) => `token(${x.tokens}) from line ${x.line}`).join(', ')}`}`);
        }
        if (e.tokens !== undefined && m.tokens !== e.tokens) return misfit(e, `message ${e.id} carried ${tokensText(m.tokens)} when it was sent on line ${m.line}, not ${e.tokens}`);
        if (!terms.unordered) {
          const ahead = q[0] as InFlight;
          if (ahead !== m)
            return misfit(
              e,
              ahead.kind === 'marker'
                ? `the marker of ${snap}, sent on ${link} when ${e.src} recorded on line ${ahead.line}, is ahead of this message on a FIFO link, and has not been received`
                : `token(${ahead.tokens}), sent on ${link} on line ${ahead.line}, is ahead of this message on a FIFO link, and has not been received`,
              ahead.kind === 'marker' ? id : undefined,
            );
        }
        const code = find((s) => s.kind === 'deliver' && s.channel === c && s.message.kind === 'app' && s.message.payload === m.tokens && s.message.post === m.post);
        // The replay mirrors the model's links: a message in flight here is in flight there.
        if (code === null) throw new Error(`internal: ${link} holds token(${m.tokens}) in the replay and not in the model`);
        take(code, e.line);
        q.splice(q.indexOf(m), 1);
        break;
      }
      case 'record': {
        if (e.snapshot !== id) {
          // Another snapshot's start still takes its turn in the script (and starts nothing here).
          const s = starts.get(e.snapshot);
          if (s?.line === e.line) {
            const code = find((x) => x.kind === 'act' && x.process === serverOf(e.server) && !x.label.startsWith('send'));
            if (code === null) throw new Error(`internal: the start of snapshot ${e.snapshot} on line ${e.line} is not enabled`);
            take(code, e.line);
          }
          break;
        }
        const p = serverOf(e.server);
        const done = recordedAt.get(p);
        if (done?.logged === true) return misfit(e, `${e.server} already recorded ${snap} on line ${done.line}; a server records each snapshot once`, id);
        if (followed?.line === e.line) {
          const code = find((x) => x.kind === 'act' && x.process === p && !x.label.startsWith('send'));
          if (code === null) throw new Error(`internal: the start of snapshot ${e.snapshot} on line ${e.line} is not enabled`);
          take(code, e.line);
        } else if (!owesRecord.has(p))
          return misfit(e, `${e.server} records ${snap} without having received its marker, and the snapshot was started by ${followed?.server} on line ${followed?.line}: in Chandy-Lamport a server records on its first marker, or when it starts a snapshot`, id);
        owesRecord.delete(p);
        const at = recordedAt.get(p) as { tokens: number; line: number; logged: boolean };
        at.logged = true;
        if (e.tokens !== undefined && e.tokens !== at.tokens)
          return misfit(e, `${e.server} records ${tokensText(e.tokens)}, but it held ${tokensText(at.tokens)} when it recorded ${snap} in the model (line ${at.line})`, id);
        break;
      }
      case 'marker-sent': {
        if (e.snapshot !== id) break;
        const c = linkOf(e.src, e.dst);
        const owed = flight[c]?.find((m): m is Extract<InFlight, { kind: 'marker' }> => m.kind === 'marker' && !m.sent);
        if (owed === undefined) {
          const p = serverOf(e.src);
          const at = recordedAt.get(p);
          return misfit(
            e,
            at === undefined
              ? `${e.src} has not recorded ${snap}, and Chandy-Lamport sends a snapshot's markers only once it has recorded`
              : `${e.src} already sent the marker of ${snap} on ${e.src}→${e.dst}; it sends one on each out-channel, once`,
            id,
          );
        }
        owed.sent = true;
        break;
      }
      case 'marker-received': {
        if (e.snapshot !== id) break;
        const p = serverOf(e.dst);
        const c = linkOf(e.src, e.dst);
        const q = flight[c] as InFlight[];
        const link = `${e.src}→${e.dst}`;
        const early = mustRecordFirst(e, p, `receives the marker on ${link}`);
        if (early !== null) return early;
        const marker = q.find((m) => m.kind === 'marker');
        if (marker === undefined) return misfit(e, `no marker of ${snap} is in flight on ${link} here: ${recordedAt.has(serverOf(e.src)) ? `${e.src} sent its one marker, and it was received` : `${e.src} has not recorded ${snap}`}`, id);
        if (marker.kind === 'marker' && !marker.sent) return misfit(e, `${e.dst} receives the marker of ${snap} on ${link} before the log sends it (no marker-sent for it since ${e.src} recorded on line ${marker.line})`, id);
        if (!terms.unordered && q[0] !== marker) {
          const ahead = q[0] as Extract<InFlight, { kind: 'app' }>;
          return misfit(e, `token(${ahead.tokens}), sent on ${link} on line ${ahead.line} before the marker, is ahead of the marker on a FIFO link, and has not been received`, id);
        }
        const wasRecorded = recordedAt.has(p);
        const code = find((s) => s.kind === 'deliver' && s.channel === c && s.message.kind === 'marker');
        if (code === null) throw new Error(`internal: the marker on ${link} is in flight in the replay and not in the model`);
        take(code, e.line);
        q.splice(q.indexOf(marker), 1);
        if (!wasRecorded) owesRecord.set(p, e.line);
        break;
      }
    }
  }
  const last = log[log.length - 1] as LogEvent;
  for (const [p, line] of owesRecord)
    return {
      start: followed,
      misfit: { line: last.line, snapshot: id as number, reason: `the log ends before ${name(p)} records ${snap}, which it does at once on its first marker (line ${line})`, couldHave: couldHave() },
      pending: [],
      run,
    };
  const pending: string[] = [];
  if (completed === undefined && followed !== null) {
    flight.forEach((q, i) => {
      for (const m of q)
        if (m.kind === 'marker')
          pending.push(m.sent ? `the marker on ${terms.links[i]}, sent once ${name(channels[i]?.from as number)} recorded on line ${m.line}, is never received` : `${name(channels[i]?.from as number)} never sends its marker on ${terms.links[i]} (it recorded on line ${m.line})`);
    });
    for (let p = 0; p < n; p++) if (!recordedAt.has(p)) pending.push(`${name(p)} never records`);
  }
  return { start: followed, ...(completed === undefined ? {} : { completed }), pending, run };
}

/** A recorded snapshot against the replay that followed its id. */
function judge(r: RecordedSnapshot, runs: readonly Run[], starts: ReadonlyMap<number, LogStart>, terms: Terms): LogSnapshotVerdict {
  const s = starts.get(r.id);
  const run = s === undefined ? undefined : runs.find((x) => x.start === s);
  if (run === undefined)
    return { id: r.id, file: r.file, verdict: 'refused', reason: `the log starts ${starts.size === 0 ? 'no snapshot' : `only snapshot${starts.size === 1 ? '' : 's'} ${[...starts.keys()].join(', ')}`}, so it cannot have recorded snapshot ${r.id}` };
  return judgeRun(run, r, terms);
}

function judgeRun(run: Run, r: RecordedSnapshot | null, terms: Terms): LogSnapshotVerdict {
  const id = (run.start as LogStart).id;
  const base = { id, file: r?.file ?? null };
  if (run.completed === undefined) return { ...base, verdict: 'refused', reason: `the log ends before snapshot ${id} completes: ${run.pending.join('; ')}`, run: run.run };
  const { cut, line } = run.completed;
  const found = { completedAt: line, cut, run: run.run };
  if (r === null) return { ...base, verdict: 'admitted', ...found };
  const want = recordedCut(r, terms);
  if (same(want, cut)) return { ...base, verdict: 'admitted', ...found };
  return { ...base, verdict: 'refused', ...found, differences: differences(want, cut, terms.unordered ? 'unordered' : 'fifo', "the cut along the log's run") };
}
