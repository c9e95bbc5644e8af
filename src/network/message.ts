// How one message is packed into one int32 word inside a state vector.
// Application message: bits 8.. payload id + 1, bit 7 set on a record a recovery put back (restored channel
// state), bits 1-6 the algorithm's piggyback id (0 none), bit 0 the ghost colour (1 = post). Control message
// (marker, barrier): a negative word carrying the snapshot id and a payload id.

export const POST_BIT = 1;
export const PIGGYBACK_SHIFT = 1;
export const PIGGYBACK_MASK = 63 << PIGGYBACK_SHIFT;
export const RESTORED_BIT = 1 << 7;
const PAYLOAD_SHIFT = 8;
/** Snapshot ids of control messages fit in 4 bits. */
const SNAPSHOT_BITS = 4;

export const appWord = (payload: number, post: boolean, piggyback = 0, restored = false): number =>
  ((payload + 1) << PAYLOAD_SHIFT) | (restored ? RESTORED_BIT : 0) | (piggyback << PIGGYBACK_SHIFT) | (post ? POST_BIT : 0);
export const isControl = (word: number): boolean => word < 0;
export const payloadOf = (word: number): number => (word >> PAYLOAD_SHIFT) - 1;
export const isPost = (word: number): boolean => (word & POST_BIT) !== 0;
export const piggybackOf = (word: number): number => (word & PIGGYBACK_MASK) >> PIGGYBACK_SHIFT;
/** A recovery re-injected it: it belongs to the restored checkpoint's channel state. */
export const isRestored = (word: number): boolean => (word & RESTORED_BIT) !== 0;
/** The word as the application sees it: no colour, no piggyback, no mark of a recovery. */
export const bareApp = (word: number): number => word & ~(POST_BIT | PIGGYBACK_MASK | RESTORED_BIT);

export const controlWord = (snapshot: number, payload = 0): number => -(1 + ((payload << SNAPSHOT_BITS) | snapshot));
export const controlSnapshot = (word: number): number => (-word - 1) & ((1 << SNAPSHOT_BITS) - 1);
export const controlPayload = (word: number): number => (-word - 1) >> SNAPSHOT_BITS;
