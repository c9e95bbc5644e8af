// `cutcheck init [DIR]`: scaffolds a model file (a workload with an invariant and a stable predicate) and a
// vitest test of it, as a starting point that already verifies. Never overwrites a file.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Result, echo, err, ok } from '../errors.ts';

export const INIT_USAGE = `  cutcheck init [DIR]      write DIR/model.ts (a workload with an invariant and a stable predicate)
                           and DIR/model.test.ts (a vitest test of it); DIR defaults to the current folder`;

const MODEL = `// A cutcheck model: a workload on a topology, checked under every interleaving of Chandy-Lamport snapshots.
// Verify it with \`npx cutcheck verify model.ts\`; see what breaks with \`npx cutcheck assumptions model.ts\`.
import { complete, defineModel, type AppView, type Workload } from 'cutcheck';

/** Each process starts with some tokens and may give one away to a neighbour, a bounded number of times. */
interface Local {
  readonly tokens: number;
  readonly gifts: number;
}
type Msg = 'token';

const TOKENS = 1;
const GIFTS = 1;

const inFlight = (g: AppView<Local, Msg>): number => g.channels.reduce((sum, c) => sum + c.messages.length, 0);
const held = (g: AppView<Local, Msg>): number => g.locals.reduce((sum, l) => sum + l.tokens, 0);

export const gifts: Workload<Local, Msg> = {
  name: 'gifts',
  init: () => ({ tokens: TOKENS, gifts: GIFTS }),
  actions: (s, ctx) =>
    s.tokens > 0 && s.gifts > 0
      ? ctx.out.map((to) => ({ label: \`give to P\${to}\`, next: { tokens: s.tokens - 1, gifts: s.gifts - 1 }, sends: [{ to, msg: 'token' as const }] }))
      : [],
  receive: (s) => ({ next: { ...s, tokens: s.tokens + 1 } }),
  // Must hold on every reachable state and on every recorded cut.
  invariants: { 'tokens are conserved': (g) => held(g) + inFlight(g) === g.n * TOKENS },
  // Once true, true forever; cutcheck checks that claim, and that the snapshot preserves it.
  stable: { 'all gifts given': (g) => g.locals.every((l) => l.gifts === 0) && inFlight(g) === 0 },
  show: { local: (s) => \`\${s.tokens} tokens, \${s.gifts} gifts left\` },
};

export const expect = 'holds';
export default defineModel({ name: 'gifts', topology: complete(3), workload: gifts });
`;

const TEST = `// A vitest test of model.ts: run it with \`npx vitest run\`.
import { describe, expect, it } from 'vitest';
import { assertVerified, verify } from 'cutcheck';
import model from './model.ts';

describe('the gifts model', () => {
  it('records only consistent, reachable cuts that conserve tokens', () => {
    assertVerified(model);
  });

  it('loses a token from a cut when channels are not FIFO, as Chandy-Lamport must', () => {
    const r = verify({ ...model, network: { discipline: 'unordered' } });
    expect(r.ok && r.value.checks.consistent).toBe('violated');
  });
});
`;

/** Writes the scaffold into `dir`; the lines to print, or why it cannot. */
export function initProject(dir: string, cwd = process.cwd()): Result<string[]> {
  const files: [string, string][] = [
    [join(dir, 'model.ts'), MODEL],
    [join(dir, 'model.test.ts'), TEST],
  ];
  for (const [path] of files) if (existsSync(path)) return err('CC010', `${echo(path)} already exists; cutcheck init never overwrites a file`);
  try {
    mkdirSync(dir, { recursive: true });
    for (const [path, text] of files) writeFileSync(path, text, { flag: 'wx' });
  } catch (e) {
    return err('CC010', `cannot write the scaffold into ${echo(dir)}: ${e instanceof Error ? e.message : 'failed'}`);
  }
  const shown = (p: string): string => relative(cwd, p) || p;
  const hasPackage = existsSync(join(dir, 'package.json'));
  return ok([
    ...files.map(([p]) => `wrote ${shown(p)}`),
    'next:',
    ...(hasPackage ? [] : ['  npm init -y']),
    '  npm install --save-dev vitest PATH/TO/cutcheck-VERSION.tgz   (the package, made by npm pack)',
    `  npx cutcheck verify ${shown(join(dir, 'model.ts'))}`,
    '  npx vitest run',
  ]);
}
