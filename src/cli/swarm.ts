// Several simulations of one model at once: `simulate --swarm K` (K members, each with its own seed, depth bound and
// step order, as SPIN's swarm diversifies its searches) and `simulate --workers N` (N members alike but for their
// seeds). Each member is the command itself, run as a process with `--member I`, which prints its part as JSON:
// the same part a batch engine gets when it runs the members on other machines, and that `cutcheck merge` reads.

import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Result, echo, err, ok } from '../errors.ts';
import { siblingModule } from '../explore/modules.ts';
import { CHECKS, type CheckName } from '../check/result.ts';
import type { MemberSettings, SimulatePart } from '../simulate/merge.ts';
import type { SimulateResult, StepOrder } from '../simulate/simulate.ts';
import { SCHEMA_VERSION } from '../report/json.ts';
import { HEX, isCount, isObject, resultObject, type ResultText } from './result-file.ts';
import { simulateJson } from '../report/simulate.ts';
import type { Rebuild } from '../trace/document.ts';

/** The settings of member `index` of `count`: seeds spread from the base; in a swarm, depth bounds and step orders too. */
export function memberSettings(base: { readonly seed: number; readonly depth: number; readonly runs: number }, count: number, index: number, diversify: boolean): MemberSettings {
  const runs = Math.floor(base.runs / count) + (index < base.runs % count ? 1 : 0);
  return {
    index,
    count,
    seed: (base.seed + Math.imul(index, 0x9e3779b1)) >>> 0,
    // A quarter, a half, three quarters or all of the depth bound, in turn; the step order alternating.
    depth: diversify ? Math.max(1, Math.round((base.depth * (1 + (index % 4))) / 4)) : base.depth,
    order: diversify && index % 2 === 1 ? 'reverse' : 'forward',
    runs: Math.max(1, runs),
  };
}

/** A member's part as JSON (kind `simulate-part`). */
export function partJson(p: SimulatePart, rebuild: Rebuild): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'simulate-part',
    member: p.member,
    fingerprint: p.fingerprint,
    rebuild,
    result: simulateJson(p.result),
    cuts: p.cuts.map((c) => `${c.fp}:${c.count}:${c.bad ? 1 : 0}`),
    appStates: p.appStates,
    productSample: p.productSample,
    failing: p.failing,
  };
}

/** A member's part read back from its JSON, checked field by field (one CC014 line naming the file and the field). */
export function readPart(file: ResultText): Result<{ part: SimulatePart; rebuild: Rebuild | null }> {
  const bad = (what: string): Result<never> => err('CC014', `${echo(file.path)}: ${what}`);
  const object = resultObject(file, 'simulate-part', "a member of a simulation (written by 'cutcheck simulate ... --member I')");
  if (!object.ok) return object;
  const j = object.value;
  const m = j['member'];
  if (!isObject(m) || !isCount(m['index']) || !isCount(m['count']) || (m['index'] as number) >= (m['count'] as number) || !isCount(m['seed']) || !isCount(m['depth']) || !isCount(m['runs']) || (m['order'] !== 'forward' && m['order'] !== 'reverse'))
    return bad('"member" must hold index < count, seed, depth, runs and order');
  const r = j['result'];
  if (!isObject(r) || r['kind'] !== 'simulate' || !isObject(r['coverage']) || !isObject(r['checks']) || !isObject(r['stats']) || !isObject(r['settings']) || !isObject(r['replay']))
    return bad('"result" must be the member\'s simulate report');
  const cuts = j['cuts'];
  if (!Array.isArray(cuts) || cuts.some((c) => typeof c !== 'string' || !/^[0-9a-f]{16}:\d+:[01]$/.test(c))) return bad('"cuts" must be a list of fingerprint:count:flag');
  for (const key of ['appStates', 'productSample']) {
    const list = j[key];
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || !HEX.test(x))) return bad(`"${key}" must be a list of 16 hex digits`);
  }
  const f = j['failing'];
  if (!(f === null || (isObject(f) && (CHECKS as readonly unknown[]).includes(f['check']) && Array.isArray(f['codes']) && (f['codes'] as unknown[]).every(isCount) && (f['track'] === null || isCount(f['track'])))))
    return bad('"failing" must be null or {check, codes, track}');
  if (typeof j['fingerprint'] !== 'string') return bad('"fingerprint" is missing');
  const rebuild = j['rebuild'];
  const result = { ...(r as unknown as SimulateResult), violation: null };
  return ok({
    part: {
      member: m as unknown as MemberSettings,
      result,
      fingerprint: j['fingerprint'],
      cuts: (cuts as string[]).map((c) => {
        const [fp, count, flag] = c.split(':');
        return { fp: fp as string, count: Number(count), bad: flag === '1' };
      }),
      appStates: j['appStates'] as string[],
      productSample: j['productSample'] as string[],
      failing: f === null ? null : { check: (f as { check: CheckName }).check, codes: (f as { codes: number[] }).codes, track: (f as { track: number | null }).track },
    },
    rebuild: isObject(rebuild) ? (rebuild as unknown as Rebuild) : null,
  });
}

/** How many members run at once: --workers if given, else one per core. */
export const concurrency = (workers: number | undefined): number => Math.max(1, workers ?? cpus().length);

/**
 * Runs each member as a process of this command (`argv` with `--member I` added), at most `at once` together, and
 * reads their parts. A member that fails (bad input, a bug) fails the swarm with its own error line.
 */
export async function runMembers(argv: readonly string[], count: number, atOnce: number): Promise<Result<{ text: string; source: string }[]>> {
  const entry = siblingModule(import.meta.url, 'main');
  const loader = entry.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const one = (i: number) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const p = spawn(process.execPath, [...loader, fileURLToPath(entry), 'simulate', ...argv, '--member', String(i), '--no-progress'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let error = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (error += d.toString()));
      p.on('close', (code) => resolve({ code, out, err: error }));
    });
  const results: { code: number | null; out: string; err: string }[] = new Array(count);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await one(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, count) }, lane));
  const out: { text: string; source: string }[] = [];
  for (const [i, r] of results.entries()) {
    if (r.code !== 0 && r.code !== 1) {
      const line = r.err.trim().split('\n').pop() ?? '';
      return err('CC007', `member ${i}/${count} of the swarm failed (exit ${String(r.code)}): ${line.replace(/^cutcheck: (error \S+ \([^)]*\): )?/, '')}`);
    }
    out.push({ text: r.out, source: `member ${i}/${count}` });
  }
  return ok(out);
}

/** One line per member for the report: its settings, steps, and whether it failed. */
export function memberLines(members: readonly (MemberSettings & { steps: number; failed: boolean })[]): string[] {
  return members.map(
    (m) => `    member ${m.index}: seed ${m.seed}, depth ${m.depth}, ${m.order} order, ${m.runs.toLocaleString('en-US')} runs, ${m.steps.toLocaleString('en-US')} steps${m.failed ? ', a run failed' : ''}`,
  );
}

/** `--order`, parsed. */
export const parseOrder = (text: string): Result<StepOrder> => (text === 'forward' || text === 'reverse' ? ok(text) : err('CC007', `--order takes forward or reverse, got ${echo(text)}`));
