// The README's generated blocks: `<!-- cutcheck: ARGS -->` is followed by that command's real output, and
// `<!-- file: PATH -->` by that file. `npm run readme` rewrites them; test/readme.test.ts checks they are current.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Block {
  readonly kind: 'cutcheck' | 'file';
  readonly arg: string;
  /** The text between the fences, as the README has it. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const BLOCK = /<!-- (cutcheck|file): (.+?) -->\n```(\w+)\n([\s\S]*?)```/g;

export function blocks(readme: string): Block[] {
  return [...readme.matchAll(BLOCK)].map((m) => ({
    kind: m[1] as 'cutcheck' | 'file',
    arg: m[2] ?? '',
    text: m[4] ?? '',
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Shell-like split that honours single quotes (enough for the README's commands). */
const words = (s: string): string[] => [...s.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');

export function expected(root: string, b: Block): string {
  if (b.kind === 'file') return readFileSync(`${root}/${b.arg}`, 'utf8');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...words(b.arg), '--no-color', '--no-progress'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return r.stdout;
}

/** Lines that hold timings or rates vary from run to run and are left out of comparisons. */
export const stable = (text: string): string =>
  text
    .split('\n')
    .filter((l) => !/^\s+search: /.test(l) && !/^\s+runs: .* steps\/s\)/.test(l) && !/ rows?, [\d.]+ s( |$)/.test(l))
    .map((l) => l.replace(/, replayed in [\d.]+ s$/, ', replayed in … s'))
    .join('\n');

export function rewrite(root: string, readme: string): string {
  let out = '';
  let at = 0;
  for (const b of blocks(readme)) {
    const fence = readme.slice(b.start, b.end).match(/```(\w+)/)?.[1] ?? 'text';
    out += readme.slice(at, b.start) + `<!-- ${b.kind}: ${b.arg} -->\n\`\`\`${fence}\n${expected(root, b)}\`\`\``;
    at = b.end;
  }
  return out + readme.slice(at);
}
