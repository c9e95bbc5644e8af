// The README's examples are real: each command block is the tool's output (timings aside), each file block
// is the file, so the docs cannot rot. `npm run readme` regenerates them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { blocks, expected, stable } from '../scripts/readme-blocks.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}/README.md`, 'utf8');

describe('the README', () => {
  const all = blocks(readme);
  it('has generated blocks to check', () => expect(all.length).toBeGreaterThanOrEqual(5));
  it.each(all.map((b) => [`${b.kind}: ${b.arg}`, b] as const))('shows the real %s', (_name, b) => {
    expect(stable(b.text)).toBe(stable(expected(root, b)));
  });
});
