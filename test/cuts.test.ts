// `verify --cuts-out`: the recorded cuts written as JSON lines, from the command line (the cuts as data, through
// the API, are in test/mutation/cuts.test.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute, followingSnapshot, verify, type ModelSpec } from '../src/index.ts';
import { model, must } from './mutation/models.ts';
import { CLI_MAIN } from './cli-main.ts';

const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI_MAIN, ...args], { cwd, encoding: 'utf8' });

const unorderedBank = model('complete:2', 'bank:1,1', { network: { discipline: 'unordered' } });

describe('verify --cuts-out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cutcheck-cuts-'));

  it('writes one JSON object per distinct cut, whose witness execute() replays to that cut', () => {
    const r = cli(['verify', '--topology', 'complete:2', '--workload', 'bank:1,1', '--channels', 'unordered', '--continue', '--cuts-out', 'out/cuts.jsonl', '--workers', '1'], dir);
    expect(r.status).toBe(1);
    const facts = must(verify(unorderedBank, { workers: 1, stopAtFirst: false })).facts;
    expect(r.stdout).toContain(`wrote out/cuts.jsonl (${facts.cuts} distinct recorded cuts, one per line)`);
    const lines = readFileSync(join(dir, 'out/cuts.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(facts.cuts);
    expect(lines.filter((l) => l['consistent'] === false)).toHaveLength(facts.inconsistentCuts);
    expect(Object.keys(lines[0] ?? {})).toEqual(['snapshot', 'consistent', 'reachable', 'locals', 'channels', 'witness']);
    for (const l of lines) {
      const run = must(execute(unorderedBank, l['witness'] as never));
      const cut = run.snapshots[run.snapshots.length - 1]?.cut;
      expect(cut?.channels.map((c) => c.name)).toEqual(Object.keys(l['channels'] as object));
      expect(run.snapshots.at(-1)?.consistent).toBe(l['consistent']);
    }
  });

  it('says which snapshot a script\'s cut follows, and its witness replays on the model that follows it', async () => {
    const file = new URL('../models/scripted-overlap.ts', import.meta.url).pathname;
    const r = cli(['verify', file, '--cuts-out', 'overlap.jsonl', '--workers', '1'], dir);
    expect(r.status).toBe(0);
    const lines = readFileSync(join(dir, 'overlap.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l['snapshot'], l['follows']])).toEqual([...Array(2).fill([0, 0]), ...Array(4).fill([1, 1])]);
    const spec = ((await import(file)) as { default: ModelSpec<unknown, unknown> }).default;
    for (const l of lines) {
      const run = must(execute(followingSnapshot(spec, l['follows'] as number), l['witness'] as never));
      expect(run.snapshots.map((x) => [x.snapshot, x.consistent])).toEqual([[l['snapshot'], true]]);
      expect(run.snapshots[0]?.cut.processes.map((p) => p.state.split(' ')[0])).toEqual(Object.values(l['locals'] as object).map(String));
    }
  });

  it("writes the write-up's three cuts as the README shows them", () => {
    const r = cli(['verify', new URL('../models/writeup.ts', import.meta.url).pathname, '--cuts-out', 'writeup.jsonl', '--workers', '1'], dir);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'writeup.jsonl'), 'utf8')).toBe(readFileSync(new URL('../docs/examples/writeup-cuts.jsonl', import.meta.url), 'utf8'));
  });

  it('says so when the search stopped before it found every cut', () => {
    const r = cli(['verify', '--topology', 'complete:2', '--workload', 'bank:1,1', '--channels', 'unordered', '--cuts-out', 'first.jsonl', '--workers', '1'], dir);
    expect(r.stdout).toMatch(/wrote first\.jsonl \(\d+ distinct recorded cuts? found before the search stopped; there may be more\)/);
  });

  it('refuses a folder, and other commands, in one line', () => {
    mkdirSync(join(dir, 'folder'), { recursive: true });
    const folder = cli(['verify', '--topology', 'complete:2', '--cuts-out', 'folder'], dir);
    expect([folder.status, folder.stderr.trim()]).toEqual([2, "cutcheck: error CC010 (file): cannot write 'folder': it is a folder"]);
    const compare = cli(['compare', '--topology', 'complete:2', '--cuts-out', 'x.jsonl'], dir);
    expect(compare.status).toBe(2);
    expect(compare.stderr.trim().split('\n')).toHaveLength(1);
    expect(compare.stderr).toContain("'compare' does not take --cuts-out");
  });

  it('writes a model file’s projected cuts', () => {
    writeFileSync(
      join(dir, 'counted.mjs'),
      `export default {
  name: 'counted',
  topology: { n: 2, channels: [{ from: 0, to: 1 }, { from: 1, to: 0 }] },
  workload: {
    name: 'counted',
    init: (ctx) => ({ tokens: ctx.self === 0 ? 1 : 0, steps: 0 }),
    actions: (s, ctx) => (s.tokens > 0 && s.steps < 2 ? [{ label: 'pass', next: { tokens: s.tokens - 1, steps: s.steps + 1 }, sends: [{ to: 1 - ctx.self, msg: 1 }] }] : []),
    receive: (s, from, m) => ({ next: { tokens: s.tokens + m, steps: s.steps + 1 } }),
    recorded: (s) => s.tokens,
  },
};
`,
    );
    const r = cli(['verify', 'counted.mjs', '--continue', '--cuts-out', 'counted.jsonl'], dir);
    expect(r.status).toBe(0);
    const lines = readFileSync(join(dir, 'counted.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { locals: Record<string, unknown> });
    expect(lines.every((l) => Object.values(l.locals).every((v) => typeof v === 'number'))).toBe(true);
  });
});
