// What the command is waiting on that user code controls. A model whose top-level code awaits a promise that
// never settles leaves Node with nothing to do, and Node would exit silently; the runner asks this module what
// was pending so it can say so.

let waitingOn: string | null = null;

/** Runs `load` (the import of model file `file`), remembering the file while it is pending. */
export async function importing<T>(file: string, load: () => Promise<T>): Promise<T> {
  waitingOn = file;
  try {
    return await load();
  } finally {
    waitingOn = null;
  }
}

/** The model file whose import is pending, if any. */
export const pendingImport = (): string | null => waitingOn;
