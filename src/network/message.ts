// How one message is packed into one int32 word inside a state vector.
// Application message: bits 7.. payload id + 1, bits 1-6 the algorithm's piggyback id (0 none), bit 0 the ghost
// colour (1 = post). Control message (marker, barrier): a negative word carrying the snapshot id and a payload id.

export const POST_BIT = 1;
export const PIGGYBACK_SHIFT = 1;
export const PIGGYBACK_MASK = 63 << PIGGYBACK_SHIFT;
const PAYLOAD_SHIFT = 7;
/** Snapshot ids of control messages fit in 4 bits. */
const SNAPSHOT_BITS = 4;

export const appWord = (payload: number, post: boolean, piggyback = 0): number =>
  ((payload + 1) << PAYLOAD_SHIFT) | (piggyback << PIGGYBACK_SHIFT) | (post ? POST_BIT : 0);
export const isControl = (word: number): boolean => word < 0;
export const payloadOf = (word: number): number => (word >> PAYLOAD_SHIFT) - 1;
export const isPost = (word: number): boolean => (word & POST_BIT) !== 0;
export const piggybackOf = (word: number): number => (word & PIGGYBACK_MASK) >> PIGGYBACK_SHIFT;
/** The word as the application sees it: no colour, no piggyback. */
export const bareApp = (word: number): number => word & ~(POST_BIT | PIGGYBACK_MASK);

export const controlWord = (snapshot: number, payload = 0): number => -(1 + ((payload << SNAPSHOT_BITS) | snapshot));
export const controlSnapshot = (word: number): number => (-word - 1) & ((1 << SNAPSHOT_BITS) - 1);
export const controlPayload = (word: number): number => (-word - 1) >> SNAPSHOT_BITS;
