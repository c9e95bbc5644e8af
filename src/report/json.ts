// The `--json` shape: one object per model with verdict, facts, checks, stats and violations.

import type { VerifyResult } from '../check/result.ts';

export function toJson(r: VerifyResult): object {
  return {
    verdict: r.verdict,
    model: r.model,
    facts: r.facts,
    factsComplete: r.factsComplete,
    checks: r.checks,
    stats: r.stats,
    violations: r.violations.map((v) => ({
      check: v.check,
      explanation: v.explanation,
      steps: v.trace.steps.length,
      trace: { initial: v.trace.initial, steps: v.trace.steps, codes: v.trace.codes },
      ...(v.cut !== undefined ? { cut: v.cut } : {}),
    })),
  };
}
