// Errors as values: every failure a user can cause has a stable code and one clear line.
// Code throws only for states believed impossible, and says why where it does.

export type ErrorCode =
  | 'CC001' // unknown or malformed topology string
  | 'CC002' // unknown or malformed workload string
  | 'CC003' // malformed number or list on the command line
  | 'CC004' // model file could not be loaded (missing, throws, or exports no model)
  | 'CC005' // model is invalid (bad topology, channel that does not exist, bad initiators ...)
  | 'CC006' // workload handler threw or returned something unusable
  | 'CC007' // usage error (unknown command or flag)
  | 'CC008' // a bound was exceeded or is absurd (states, capacity)
  | 'CC009' // a trace file does not fit the model
  | 'CC010' // a file cannot be read or written (missing, a directory, no permission)
  | 'CC011' // a trace file is malformed (not JSON, or a field of the wrong shape)
  | 'CC012' // a theorem or certificate file is malformed
  | 'CC013' // a scenario file (topology, events, snapshot) is malformed
  | 'CC014'; // a result file (a shard's, simulate --known's, a checkpoint) is malformed or does not belong with the others

export const ERROR_TITLES: Readonly<Record<ErrorCode, string>> = {
  CC001: 'bad topology',
  CC002: 'bad workload',
  CC003: 'bad number',
  CC004: 'cannot load model',
  CC005: 'invalid model',
  CC006: 'workload failed',
  CC007: 'usage',
  CC008: 'bound',
  CC009: 'trace does not fit',
  CC010: 'file',
  CC011: 'malformed trace',
  CC012: 'malformed theorem file',
  CC013: 'malformed scenario file',
  CC014: 'bad result file',
};

export interface CutcheckError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CutcheckError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(code: ErrorCode, message: string): Result<T> => ({ ok: false, error: { code, message } });

/** Thrown inside the engine to abort with an error value; caught at the public boundary and turned into a Result. */
export class CutcheckFailure extends Error {
  constructor(readonly error: CutcheckError) {
    super(`${error.code}: ${error.message}`);
  }
}

export const fail = (code: ErrorCode, message: string): never => {
  throw new CutcheckFailure({ code, message });
};

/** Runs `f`, turning a CutcheckFailure into an error value. Any other exception is a bug and propagates. */
export function capture<T>(f: () => T): Result<T> {
  try {
    return ok(f());
  } catch (e) {
    if (e instanceof CutcheckFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** Longest message an error line shows; longer ones keep their head and tail. */
const MAX_LINE = 400;

/** `s` on one line (control characters escaped) and at most `max` characters, the middle elided. */
export function oneLine(s: string, max = MAX_LINE): string {
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/\r?\n/g, '\\n').replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  if (flat.length <= max) return flat;
  const tail = Math.floor(max / 5);
  return `${flat.slice(0, max - tail - 1)}…${flat.slice(flat.length - tail)}`;
}

/** A value as its JSON text, or String() where JSON has none or fails (a BigInt, a cycle); never throws (user values). */
export function jsonText(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    try {
      return String(v);
    } catch {
      return `a ${typeof v} that cannot be shown`;
    }
  }
}

/** An input value as an error message echoes it: quoted, on one line, at most 60 characters. */
export const echo = (s: string): string => `'${oneLine(s, 60)}'`;

/**
 * What a thrown value says, for an error line, without ever throwing itself: user code may throw anything
 * (an object whose toString throws, a Proxy, `Object.create(null)`).
 */
export function describeThrown(e: unknown): string {
  try {
    if (e instanceof Error) {
      const m: unknown = e.message;
      const text = typeof m === 'string' && m !== '' ? m.split('\n')[0] ?? '' : e.name;
      return oneLine(text === '' ? 'an Error with no message' : text, 200);
    }
    if (typeof e === 'string') return oneLine(e, 200);
    const m: unknown = typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined;
    if (typeof m === 'string' && m !== '') return oneLine(m.split('\n')[0] ?? '', 200);
    if (typeof e === 'object' && e !== null) return `a thrown ${Object.getPrototypeOf(e) === null ? 'object without a prototype' : 'non-Error object'}`;
    return oneLine(String(e), 200);
  } catch {
    return 'a thrown value that cannot be described';
  }
}

export const formatError = (e: CutcheckError): string => `cutcheck: error ${e.code} (${ERROR_TITLES[e.code]}): ${oneLine(e.message)}`;
