// The trace commands as a user meets them: verify --trace-out/--report, replay (exit 1 when the violation recurs,
// 2 with one line naming the step when the trace no longer fits), and render to SVG, HTML or Mermaid.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_MAIN } from './cli-main.ts';

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const DIR = 'out/cli-trace';

describe('a counterexample of one of a script\'s overlapping snapshots', () => {
  it('follows that snapshot alone, and replay follows it too', () => {
    mkdirSync(DIR, { recursive: true });
    const file = `${DIR}/overlap.itf.json`;
    const v = cli('verify', 'models/scripted-overlap.ts', '--channels', 'unordered', '--track', '1', '--trace-out', file);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/✗ consistent \(\d+ steps\)/);
    const meta = (JSON.parse(readFileSync(file, 'utf8')) as { '#meta': { model: { track?: number }; rebuild: { args: Record<string, unknown> } } })['#meta'];
    expect([meta.model.track, meta.rebuild.args['track']]).toEqual([1, 1]);
    const r = cli('replay', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/every step applies\n {2}✗ consistent fails again at step \d+, as recorded/);
    expect(r.out).toContain('receives marker 1 on');
    // Only snapshot 1's markers exist in this run: the explanation names them so too.
    expect(r.out).not.toContain('marker 0');
  });

  it('of a search of every snapshot, comes from the first snapshot that fails, and replays', () => {
    const file = `${DIR}/overlap-all.itf.json`;
    const v = cli('verify', 'models/scripted-overlap.ts', '--channels', 'unordered', '--continue', '--trace-out', file);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/per snapshot, each followed alone as the script overlaps them: 0: \d+ cuts \(\d+ inconsistent, \d+ unreachable\), \d+ states, violated; 1: /);
    const meta = (JSON.parse(readFileSync(file, 'utf8')) as { '#meta': { model: { track?: number } } })['#meta'];
    expect(meta.model.track).toBe(0);
    expect(cli('replay', file).code).toBe(1);
  });
});

describe('cutcheck verify --trace-out, replay and render', () => {
  let verified: ReturnType<typeof cli>;
  beforeAll(() => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    verified = cli('verify', '--topology', 'edges:0>1,1>0', '--channels', 'unordered', '--trace-out', `${DIR}/cex.itf.json`, '--report', `${DIR}/cex.html`);
  });

  it('writes the counterexample as a trace file and an HTML report, and says whether it could be shrunk', () => {
    expect(verified.code).toBe(1);
    expect(verified.out).toMatch(/✗ consistent: counterexample in 4 steps/);
    expect(verified.out).toMatch(/consistent: the search's trace cannot be shrunk/);
    expect(verified.out).toContain(`wrote ${DIR}/cex.itf.json (check it again with: cutcheck replay ${DIR}/cex.itf.json)`);
    expect(existsSync(`${DIR}/cex.html`)).toBe(true);
    const meta = (JSON.parse(readFileSync(`${DIR}/cex.itf.json`, 'utf8')) as { '#meta': Record<string, unknown> })['#meta'];
    expect(meta['rebuild']).toMatchObject({ args: { topology: 'edges:0>1,1>0', channels: 'unordered' } });
    expect(meta['steps']).toEqual([
      { kind: 'act', process: 0, label: 'transfer to P1' },
      { kind: 'initiate', process: 0 },
      { kind: 'deliver', from: 0, to: 1, message: 'marker' },
      { kind: 'deliver', from: 1, to: 0, message: 'marker' },
    ]);
  });

  it('replays it: every step applies and the violation recurs, exit 1 as verify', () => {
    const r = cli('replay', `${DIR}/cex.itf.json`);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/every step applies\n {2}✗ consistent fails again at step 4, as recorded/);
    expect(r.out).toMatch(/why: The snapshot completed at step 4 is inconsistent\. Message #1/);
  });

  it('refuses a hand-edited trace with one line naming the first step that does not apply, exit 2', () => {
    const file = JSON.parse(readFileSync(`${DIR}/cex.itf.json`, 'utf8')) as { '#meta': { steps: Record<string, unknown>[] } };
    file['#meta'].steps[2] = { kind: 'deliver', from: 1, to: 0, message: 'marker' };
    writeFileSync(`${DIR}/edited.itf.json`, JSON.stringify(file));
    const r = cli('replay', `${DIR}/edited.itf.json`);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/CC009 \(trace does not fit\): out\/cli-trace\/edited\.itf\.json: step 3 of 4 \{"kind":"deliver","from":1,"to":0,"message":"marker"\} does not apply after step 2/);
  });

  it('renders it as Mermaid on stdout and as SVG into a file', () => {
    const m = cli('render', `${DIR}/cex.itf.json`, '--format', 'mermaid');
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/^sequenceDiagram\n/);
    const s = cli('render', `${DIR}/cex.itf.json`, '--out', `${DIR}/cex.svg`);
    expect(s.code).toBe(0);
    expect(readFileSync(`${DIR}/cex.svg`, 'utf8')).toMatch(/^<svg /);
  });

  it("replays the write-up's trace file in docs/ with no violation, exit 0", () => {
    const r = cli('replay', 'docs/writeup.itf.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/every step applies\n {2}no check fails at the end of this trace/);
  });
});
