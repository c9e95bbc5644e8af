// docs/semantics.md carries the reference semantics inside the repository (and the package), so its links work
// everywhere. This keeps that copy word for word the team's shared one, whenever the shared one is at hand.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../docs/semantics.md', import.meta.url), 'utf8');
const shared = new URL('../../shared/SEMANTICS.md', import.meta.url);
const between = /<!-- reference:start -->\n([\s\S]*?)\n<!-- reference:end -->/.exec(doc)?.[1];

describe('docs/semantics.md', () => {
  it('holds the reference semantics between its markers, and the decisions after them', () => {
    expect(between).toMatch(/^# Reference semantics/);
    expect(between).toMatch(/## Canonical facts/);
    expect(doc.slice(doc.indexOf('<!-- reference:end -->'))).toMatch(/# Decisions: where cutcheck is more precise than the reference/);
  });

  it.runIf(existsSync(shared))('is word for word the shared SEMANTICS.md', () => {
    expect(between).toBe(readFileSync(shared, 'utf8').trimEnd());
  });

  it('is linked from the README and the proofs, with no link out of the repository', () => {
    for (const file of ['../README.md', '../proofs/chandy-lamport.md']) {
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      expect(text).toMatch(/docs\/semantics\.md/);
      expect(text).not.toMatch(/\.\.\/shared\//);
    }
  });
});
