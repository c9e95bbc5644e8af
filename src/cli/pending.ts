// What the command is waiting on that user code controls. A model whose top-level code awaits a promise that
// never settles leaves Node with nothing to do, and Node would exit silently; the runner asks this module what
// was pending so it can say so.

let waitingOn: string | null = null;
let listener: (file: string | null) => void = () => {};

/** Tells `f` whenever an import starts (the file) or ends (null): the supervisor's view of it. */
export const onPending = (f: (file: string | null) => void): void => void (listener = f);

/** Runs `load` (the import of model file `file`), remembering the file while it is pending. */
export async function importing<T>(file: string, load: () => Promise<T>): Promise<T> {
  waitingOn = file;
  listener(file);
  try {
    return await load();
  } finally {
    waitingOn = null;
    listener(null);
  }
}

/** The model file whose import is pending, if any. */
export const pendingImport = (): string | null => waitingOn;
