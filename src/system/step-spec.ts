// The step list of a trace file: steps as a person reads and edits them ({"kind":"deliver","from":1,"to":0,
// "message":"marker"}), how each is matched against the steps enabled at that point, and how one is written.

import { oneLine } from '../errors.ts';
import type { MessageView, Step } from './step.ts';

/** Fields that pick one message on a channel; omitted fields match anything. */
interface MessagePick {
  readonly from: number;
  readonly to: number;
  /** The message as the report shows it (`marker`, `$1`, `M(4)`), or `app` for any application message. */
  readonly message?: string;
  /** The ghost colour: sent after its sender recorded. Written only where it tells two messages apart. */
  readonly post?: boolean;
  /** The message's value, as JSON. Written only where the text does not tell two messages apart. */
  readonly payload?: unknown;
  /** For a marker: the snapshot it belongs to (0 = the first). */
  readonly snapshot?: number;
}

/** One step of a trace. `nth` picks among steps that still match alike (0 = the first; default 0). */
export type StepSpec = (
  | { readonly kind: 'initiate'; readonly process: number }
  /** The snapshot algorithm's own step at a process. */
  | { readonly kind: 'internal'; readonly process: number }
  | { readonly kind: 'act'; readonly process: number; readonly label?: string }
  | ({ readonly kind: 'deliver' | 'drop' | 'duplicate' } & MessagePick)
  /**
   * The whole job crashes and restarts from its latest completed checkpoint: `checkpoint` (0 = the first), or its
   * initial state when null. Omitted, it matches either.
   */
  | { readonly kind: 'crash'; readonly checkpoint?: number | null }
) & { readonly nth?: number };

export const STEP_KINDS = ['initiate', 'act', 'deliver', 'drop', 'duplicate', 'crash', 'internal'] as const;

/** Renders a message as the report does; matching by text needs the model's own `show`. */
export type ShowMessage = (m: MessageView) => string;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function messageMatches(want: MessagePick, m: MessageView, show: ShowMessage): boolean {
  if (want.message !== undefined && want.message !== 'app' && want.message !== show(m)) return false;
  if (want.message === 'app' && m.kind !== 'app') return false;
  if (m.kind === 'marker') return want.snapshot === undefined || want.snapshot === m.snapshot;
  if (want.post !== undefined && want.post !== m.post) return false;
  return want.payload === undefined || sameJson(want.payload, m.payload);
}

/** Whether an enabled step fits a step of the list (ignoring `nth`). */
export function stepMatches(want: StepSpec, got: Step, show: ShowMessage): boolean {
  switch (want.kind) {
    case 'initiate':
      return got.kind === 'initiate' && got.process === want.process;
    case 'act':
      return got.kind === 'act' && got.process === want.process && (want.label === undefined || got.label === want.label);
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return got.kind === want.kind && got.from === want.from && got.to === want.to && messageMatches(want, got.message, show);
    case 'crash':
      return got.kind === 'crash' && (want.checkpoint === undefined || want.checkpoint === got.checkpoint);
    case 'internal':
      return got.kind === 'internal' && got.process === want.process;
  }
}

/** Picks the enabled step a spec names: the `nth` (default first) of those it matches, or null. (Codes may be negative.) */
export function pickStep(want: StepSpec, enabled: readonly { readonly code: number; readonly step: Step }[], show: ShowMessage): number | null {
  let seen = 0;
  for (const e of enabled) if (stepMatches(want, e.step, show) && seen++ === (want.nth ?? 0)) return e.code;
  return null;
}

/**
 * The spec of enabled step `code`: as short as a person would write it, with `post`, `payload`, `snapshot` and
 * last `nth` added only where they are needed to pick this step rather than another one enabled beside it.
 */
export function specOf(code: number, enabled: readonly { readonly code: number; readonly step: Step }[], show: ShowMessage): StepSpec {
  const s = enabled.find((e) => e.code === code)?.step;
  if (s === undefined) throw new Error('internal: specOf asked for a step that is not enabled');
  // Stryker disable next-line ArrayDeclaration: a string candidate matches no step (stepMatches knows no kind undefined), and every kind pushes a real last candidate
  const candidates: StepSpec[] = [];
  switch (s.kind) {
    case 'initiate':
      candidates.push({ kind: 'initiate', process: s.process });
      break;
    case 'act':
      candidates.push({ kind: 'act', process: s.process, label: s.label });
      break;
    case 'crash':
      // What the crash restores is written even where nothing needs telling apart: the pictures show it.
      candidates.push({ kind: 'crash', checkpoint: s.checkpoint });
      break;
    case 'internal':
      candidates.push({ kind: 'internal', process: s.process });
      break;
    case 'deliver':
    case 'drop':
    case 'duplicate': {
      const base = { kind: s.kind, from: s.from, to: s.to, message: show(s.message) };
      const m = s.message;
      candidates.push(base);
      if (m.kind === 'marker') candidates.push({ ...base, snapshot: m.snapshot });
      else {
        candidates.push({ ...base, post: m.post });
        candidates.push({ ...base, post: m.post, payload: m.payload });
      }
    }
  }
  for (const c of candidates) if (pickStep(c, enabled, show) === code) return c;
  const last = candidates[candidates.length - 1] as StepSpec;
  const alike = enabled.filter((e) => stepMatches(last, e.step, show));
  return { ...last, nth: alike.findIndex((e) => e.code === code) };
}

/** One line for a step of the list, for error messages: the JSON a person would find in the file (a long payload elided). */
export const specText = (s: StepSpec): string => oneLine(JSON.stringify(s), 200);
