// Before the suite: builds dist/ (what the tests run as the command line, see cli-main.ts) when any source file is
// newer than it, so that a test never runs yesterday's build.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_MAIN, REPO_ROOT } from './cli-main.ts';

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);

export default function setup(): void {
  let built = 0;
  try {
    built = statSync(CLI_MAIN).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= Math.max(newest(join(REPO_ROOT, 'src')), statSync(join(REPO_ROOT, 'tsconfig.build.json')).mtimeMs)) return;
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building dist/ for the command-line tests failed:\n${r.stdout}${r.stderr}`);
}
