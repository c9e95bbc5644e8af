// `verify --checkpoint FILE` and `verify --resume FILE`: the checkpoint file (check/checkpoint.ts's layout, with
// what the command line needs besides: how to rebuild the model, its identity, how often to save), written so that
// a kill at any moment leaves the previous checkpoint whole, and read back with one line for anything wrong.

import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { type Result, capture, describeThrown, echo, err, ok } from '../errors.ts';
import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from '../check/checkpoint.ts';
import type { Rebuild } from '../trace/document.ts';
import { readRebuild } from '../trace/read.ts';
import { DEFAULT_CAPACITY, type VerifyOptions } from '../check/verify.ts';
import type { VerifyResult } from '../check/result.ts';
import type { ModelSpec } from '../model/types.ts';
import { int, secs } from '../report/text.ts';
import { DEFAULT_CHECKPOINT_EVERY_S, type VerifyArgs } from './args.ts';
import { rebuildOf } from './counterexamples.ts';
import { prepareOutput } from './output.ts';
import { buildSpec, loadOptional, type Loaded } from './load.ts';
import { type ReplayEnv, defaultEnv, namedModelFile } from './replay.ts';
import { isObject } from './result-file.ts';
import { fingerprintOf } from './shard.ts';

/** What the command line keeps in a checkpoint besides the search. */
export interface CheckpointExtra {
  readonly kind: 'checkpoint';
  /** The model's identity fingerprint (as trace files carry it), and how to rebuild it. */
  readonly fingerprint: string;
  readonly rebuild: Rebuild;
  /** Seconds between checkpoints, which a resumed search keeps unless told otherwise. */
  readonly everySeconds: number;
}

/** Writes a checkpoint to `path`: into a temporary file beside it, flushed to disk, then renamed over it. */
export function writeCheckpointFile(path: string, cp: Checkpoint, extra: CheckpointExtra): Result<number> {
  const tmp = `${path}.partial`;
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'w');
    let bytes = 0;
    for (const chunk of encodeCheckpoint(cp, extra)) {
      // One write may take at most 2 GiB.
      for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, Math.min(chunk.length - at, 2 ** 30));
      bytes += chunk.length;
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
    return ok(bytes);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    return err('CC010', `cannot write the checkpoint ${echo(path)}: ${describeThrown(e)}`);
  }
}

/** A checkpoint file, read and checked; CC010 if it cannot be read, CC014 if it is not a checkpoint this cutcheck can take up. */
export function readCheckpointFile(path: string): Result<{ checkpoint: Checkpoint; extra: CheckpointExtra }> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return err('CC010', `cannot read the checkpoint ${echo(path)}: ${describeThrown(e)}`);
  }
  try {
    const size = fstatSync(fd).size;
    const read = (position: number, length: number): Uint8Array => {
      const buf = new Uint8Array(Math.max(0, Math.min(length, size - position)));
      for (let at = 0; at < buf.length; ) {
        const n = readSync(fd, buf, at, Math.min(buf.length - at, 2 ** 30), position + at);
        if (n === 0) break;
        at += n;
      }
      return buf;
    };
    const d = decodeCheckpoint(read, size);
    if (!d.ok) return err(d.error.code, `${echo(path)}: ${d.error.message}`);
    const x = d.value.extra;
    if (!isObject(x) || x['kind'] !== 'checkpoint' || typeof x['fingerprint'] !== 'string' || !isObject(x['rebuild']) || typeof x['everySeconds'] !== 'number')
      return err('CC014', `${echo(path)}: not a checkpoint cutcheck can take up: it does not say which model it is of`);
    return ok({ checkpoint: d.value.checkpoint, extra: x as unknown as CheckpointExtra });
  } catch (e) {
    return err('CC010', `cannot read the checkpoint ${echo(path)}: ${describeThrown(e)}`);
  } finally {
    closeSync(fd);
  }
}

/** A search to take up: the checkpoint, the model file it names (or the one given), and the full arguments of the search. */
export interface ResumeTarget {
  readonly checkpoint: Checkpoint;
  readonly extra: CheckpointExtra;
  readonly base: Loaded | null;
  readonly args: VerifyArgs;
}

/**
 * What `verify --resume FILE` searches: the model the checkpoint names (a model file inside the working directory, or
 * `args.files[0]`), with the model options and search settings the checkpoint recorded and `args`'s run options.
 * The model must be the one searched: the same identity fingerprint.
 */
export async function resumeTarget(path: string, args: VerifyArgs, env: ReplayEnv = defaultEnv()): Promise<Result<ResumeTarget>> {
  const read = readCheckpointFile(path);
  if (!read.ok) return read;
  const { checkpoint, extra } = read.value;
  const rebuild = capture(() => readRebuild(extra.rebuild, 'rebuild'));
  if (!rebuild.ok) return err('CC014', `${echo(path)}: not a checkpoint cutcheck can take up: ${rebuild.error.message}`);
  let file = args.files[0];
  const named = rebuild.value?.file;
  if (file === undefined && named !== undefined) {
    const found = namedModelFile(named, path, env, 'checkpoint', 'cutcheck verify MODEL.ts --resume FILE');
    if (!found.ok) return found;
    file = found.value;
  }
  const base = await loadOptional(file);
  if (!base.ok) return base;
  const s = checkpoint.settings;
  const full: VerifyArgs = {
    ...args,
    ...(rebuild.value?.args ?? {}),
    files: file === undefined ? [] : [file],
    continue: !s.stopAtFirst,
    partialOrder: s.partialOrder,
    symmetry: s.symmetry,
    capacity: s.capacityLimit,
    ...(s.shard === null ? {} : { shard: { index: s.shard.index, count: s.shard.count } }),
  };
  const spec = buildSpec(base.value, full);
  if (!spec.ok) return spec;
  const fp = fingerprintOf(spec.value, s.capacityLimit);
  if (!fp.ok) return fp;
  if (fp.value !== extra.fingerprint)
    return err('CC014', `${echo(path)}: the model has changed since the checkpoint was written (fingerprint ${extra.fingerprint} then, ${fp.value} now); a search can only be taken up on the model it searched`);
  return ok({ checkpoint, extra, base: base.value, args: full });
}

/** A search that saves checkpoints or was taken up from one: its options for verify, and what to say afterwards. */
export interface CheckpointRun {
  readonly options: Pick<VerifyOptions, 'checkpoint' | 'resume'>;
  /** Lines for after the report: what was saved, where the search was taken up from, how to take it up again. */
  notes(r: VerifyResult): string[];
}

/**
 * `--checkpoint FILE` (or the file of `--resume FILE`, which goes on saving there): checked before the search, and
 * written every `--checkpoint-every` seconds during it. A checkpoint that cannot be written stops no search: the
 * notes say so.
 */
export function checkpointRun(args: VerifyArgs, spec: ModelSpec<unknown, unknown>, base: Loaded | null, resumed: ResumeTarget | null): Result<CheckpointRun | null> {
  const path = args.checkpoint ?? args.resume;
  if (path === undefined) return ok(null);
  const ready = prepareOutput(path);
  if (!ready.ok) return ready;
  let fingerprint = resumed?.extra.fingerprint;
  if (fingerprint === undefined) {
    const fp = fingerprintOf(spec, args.capacity ?? DEFAULT_CAPACITY);
    if (!fp.ok) return fp;
    fingerprint = fp.value;
  }
  const everySeconds = args.checkpointEvery ?? resumed?.extra.everySeconds ?? DEFAULT_CHECKPOINT_EVERY_S;
  const extra: CheckpointExtra = { kind: 'checkpoint', fingerprint, rebuild: rebuildOf(base, args), everySeconds };
  let last: { depth: number; states: number; bytes: number } | null = null;
  let failed: string | null = null;
  let writingMs = 0;
  const save = (cp: Checkpoint): void => {
    const began = performance.now();
    const w = writeCheckpointFile(path, cp, extra);
    writingMs += performance.now() - began;
    if (w.ok) last = { depth: cp.search.depth, states: cp.search.set.size, bytes: w.value };
    else failed ??= w.error.message;
  };
  return ok({
    options: { checkpoint: { everyMs: everySeconds * 1000, save }, ...(resumed === null ? {} : { resume: resumed.checkpoint }) },
    notes(r) {
      const c = r.stats.checkpoint;
      const lines: string[] = [];
      if (c?.resumedAt != null) lines.push(`  taken up from ${path}, saved ${c.resumedAt.savedAt} at depth ${c.resumedAt.depth} with ${int(c.resumedAt.states)} states`);
      const saved = last as { depth: number; states: number; bytes: number } | null;
      if (saved !== null)
        lines.push(
          `  checkpoint: saved ${c?.written ?? 0} time${c?.written === 1 ? '' : 's'} to ${path} (${secs(writingMs)} in all), the last at depth ${saved.depth} with ${int(saved.states)} states (${(saved.bytes / 2 ** 20).toFixed(1)} MiB)`,
        );
      if (failed !== null) lines.push(`  warning: ${failed}`);
      if (c?.refused != null) lines.push(`  checkpoint: ${c.written === 0 ? 'none saved' : `none saved after the first ${c.written}`}, because ${c.refused}`);
      const stopped = r.stats.stoppedBy;
      if (saved !== null && (stopped === 'interrupt' || stopped === 'state-bound' || stopped === 'memory-bound'))
        lines.push(
          `  take the search up from its last checkpoint with: cutcheck verify --resume ${path}${stopped === 'state-bound' ? ' --max-states N (a higher bound)' : stopped === 'memory-bound' ? ' (with more memory: --max-memory GB)' : ''}`,
        );
      return lines;
    },
  });
}
