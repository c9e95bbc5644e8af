// The public API loads. This file imports nothing of cutcheck before its test runs: a fault that breaks a module
// as it loads (a registry entry, a variant's construction) then fails this test, rather than stopping the file
// from loading, which vitest reports as no test failed.
import { describe, expect, it } from 'vitest';

describe('the public API', () => {
  it('loads, with every built-in algorithm, check and assumption', async () => {
    const api = await import('../../src/index.ts');
    expect(api.BUILTIN_ALGORITHMS).toHaveLength(22);
    expect(api.BUILTIN_ALGORITHMS.every((n) => api.builtinAlgorithm(n)?.algorithm.name === n)).toBe(true);
    expect(api.CHECKS).toHaveLength(8);
    expect(api.ASSUMPTIONS).toHaveLength(6);
    expect(typeof api.verify).toBe('function');
  });
});
