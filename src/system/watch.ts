// A watch on user code. While a workload handler or predicate runs, its name is published in shared memory, so
// that a supervising thread (the CLI's) can name it and stop the run when it runs too long, or loops forever,
// which this thread, busy running it, cannot. Without a supervisor the watch costs one branch per call.

/** cells[0]: bumped on every entry and exit; cells[1]: the running call's name id, or -1 between calls. */
let cells: Int32Array | null = null;
let announce: (id: number, text: string) => void = () => {};
const ids = new Map<string, number>();

/** Publishes calls into `buffer` (two int32 cells); `name` tells the supervisor the text of a new name id. */
export function installWatch(buffer: SharedArrayBuffer, name: (id: number, text: string) => void): void {
  cells = new Int32Array(buffer, 0, 2);
  cells[1] = -1;
  announce = name;
}

/** Runs user code `f`, known as `what` ("workload 'bank' receive at P1"), under the watch. */
export function watched<T>(what: string, f: () => T): T {
  const c = cells;
  if (c === null) return f();
  let id = ids.get(what);
  if (id === undefined) {
    id = ids.size;
    ids.set(what, id);
    announce(id, what);
  }
  Atomics.store(c, 1, id);
  Atomics.add(c, 0, 1);
  try {
    return f();
  } finally {
    Atomics.store(c, 1, -1);
    Atomics.add(c, 0, 1);
  }
}
