// What a verify result says, a line per part, with the volatile figures (time, memory) left out: the form the
// mutation-testing suite pins its results in. Counterexample traces, explanations, cuts and example runs are
// pinned by a hash of their text.
import { createHash } from 'node:crypto';
import { CHECKS, type Trace, type VerifyResult } from '../../src/index.ts';
import { defaultMaxStates } from '../../src/check/verify.ts';

export const hash = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);

const traceText = (t: Trace) => ({
  initial: t.initial,
  steps: t.steps.map((s) => ({ index: s.index, step: s.step, text: s.text, effects: s.effects, after: s.after })),
  codes: t.codes,
});

export const digest = (r: VerifyResult): readonly string[] => {
  const t = r.stats;
  const f = r.facts;
  return [
    `${r.verdict}: ${CHECKS.map((c) => `${c} ${r.checks[c]}`).join(', ')}`,
    `facts${r.factsComplete ? '' : ' (incomplete)'}: ${f.appStates} application states, ${f.cuts} cuts, ${f.inconsistentCuts} inconsistent, ${f.unreachableCuts} unreachable, shortest ${f.shortestInconsistent}`,
    `search: ${t.productStates} states, ${t.transitions} transitions, depth ${t.depth}, ${t.appStates} application states and ${t.appTransitions} transitions, ${t.completions} completions, capacity ${t.capacity}`,
    `exhaustive ${t.exhaustive}, stopped by ${t.stoppedBy}, bound ${t.maxStates === defaultMaxStates(t.maxMemoryBytes) ? 'default' : t.maxStates}; partial order ${t.reductions.partialOrder}; symmetry ${t.reductions.symmetry}; ${t.reductions.threads} thread(s)`,
    ...r.violations.map((v) => `${v.check} in ${v.trace.steps.length} steps`),
    `detail ${hash({
      model: r.model,
      violations: r.violations.map((v) => ({ explanation: v.explanation, cut: v.cut, trace: traceText(v.trace) })),
      example: r.example ? traceText(r.example) : r.example,
    })}`,
  ];
};
