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
  | 'CC009'; // a trace file does not fit the model

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

export const formatError = (e: CutcheckError): string => `cutcheck: error ${e.code} (${ERROR_TITLES[e.code]}): ${e.message}`;
