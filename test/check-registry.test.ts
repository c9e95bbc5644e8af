// Checks as data: each check is one file under src/check/checks/, a named object that says what it inspects and
// judges it; verify and the path checker (replay, minimisation) run whatever the registry holds.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/index.ts';
import { CHECK_LIST } from '../src/check/checks/registry.ts';

const DIR = new URL('../src/check/checks/', import.meta.url);

describe('the check registry', () => {
  it('holds every check, in the order reports list them', () => {
    expect(CHECK_LIST.map((c) => c.name)).toEqual([...CHECKS]);
  });

  it('has one file per check, besides the contract and the registry', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts')).sort();
    expect(files).toEqual([...CHECKS.map((c) => `${c}.ts`), 'check.ts', 'registry.ts'].sort());
  });

  it('says what each check inspects, and each has a judge for exactly what it says', () => {
    for (const c of CHECK_LIST) {
      expect(c.summary.length).toBeGreaterThan(20);
      expect(c.inspects.includes('snapshot')).toBe(c.snapshot !== undefined);
      expect(c.inspects.includes('terminal')).toBe(c.terminal !== undefined);
      expect(c.inspects.includes('application')).toBe(c.application !== undefined && c.alongPath !== undefined);
    }
    expect(Object.fromEntries(CHECK_LIST.map((c) => [c.name, c.inspects]))).toEqual({
      consistent: ['snapshot'],
      reachable: ['snapshot'],
      stable: ['application', 'snapshot'],
      invariant: ['application', 'snapshot'],
      terminates: ['terminal'],
      'exactly-once': ['terminal'],
      'no-loss': ['terminal'],
      'no-duplicate': ['terminal'],
    });
  });

  it('is what verify and the path checker run: neither names a check of its own', () => {
    for (const file of ['verify.ts', 'path.ts', 'violations.ts']) {
      const code = readFileSync(new URL(`../src/check/${file}`, import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l))
        .join('\n');
      for (const name of CHECKS) expect(code, `${file} names '${name}'`).not.toMatch(new RegExp(`'${name}'`));
    }
  });
});
