// Buffers that grow in place: one virtual reservation, pages committed only when first touched. On this kind of
// machine touching fresh memory is the slow part, so nothing the search keeps is ever copied to grow it.
/// <reference lib="es2024.arraybuffer" />
/// <reference lib="es2024.sharedmemory" />

/** The largest reservation one buffer may have (V8 caps resizable buffers at 4 GiB). */
export const MAX_BYTES = 2 ** 32;

export type Backing = ArrayBuffer | SharedArrayBuffer;

/** A buffer of `bytes` that can later grow up to `max` bytes, shared between threads when `shared`. */
export function growable(bytes: number, shared: boolean, max = MAX_BYTES): Backing {
  const maxByteLength = Math.max(bytes, Math.min(max, MAX_BYTES));
  return shared ? new SharedArrayBuffer(bytes, { maxByteLength }) : new ArrayBuffer(bytes, { maxByteLength });
}

/** Grows `buf` (in place) to at least `bytes`, rounding up to whole 64 KiB pages. */
export function ensureBytes(buf: Backing, bytes: number): void {
  if (buf.byteLength >= bytes) return;
  if (bytes > buf.maxByteLength) throw new RangeError(`a search buffer would need ${bytes} bytes, more than the ${buf.maxByteLength} reserved`);
  const target = Math.min(buf.maxByteLength, Math.max(bytes, Math.ceil((buf.byteLength * 1.25) / 65536) * 65536));
  if (buf instanceof SharedArrayBuffer) buf.grow(target);
  else buf.resize(target);
}

/**
 * A fixed-length byte view of the buffer's current size. Views that track a growable buffer's length are several
 * times slower in V8's optimised code, so views are remade after each growth instead.
 */
export const view = (buf: Backing): Uint8Array => new Uint8Array(buf, 0, buf.byteLength);

/** A byte array that grows in place, with a write cursor. Used for frontier segments and event streams. */
export class ByteStream {
  bytes: Uint8Array;
  length = 0;

  constructor(readonly buf: Backing) {
    this.bytes = view(buf);
  }

  static create(initial: number, shared: boolean): ByteStream {
    return new ByteStream(growable(initial, shared));
  }

  /** Makes room for `extra` more bytes after the cursor. */
  reserve(extra: number): Uint8Array {
    if (this.length + extra > this.bytes.length) {
      ensureBytes(this.buf, this.length + extra);
      this.bytes = view(this.buf);
    }
    return this.bytes;
  }
}
