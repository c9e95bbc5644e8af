// How one message is packed into one int32 word inside a state vector.
// Application message: bits 3.. payload id + 1, bits 1-2 an algorithm tag, bit 0 the ghost colour (1 = post).
// Control message (marker, barrier): a negative word carrying the snapshot id and a kind.

export const POST_BIT = 1;
export const TAG_SHIFT = 1;
export const TAG_MASK = 3 << TAG_SHIFT;
const PAYLOAD_SHIFT = 3;

export const appWord = (payload: number, post: boolean, tag = 0): number =>
  ((payload + 1) << PAYLOAD_SHIFT) | (tag << TAG_SHIFT) | (post ? POST_BIT : 0);
export const isControl = (word: number): boolean => word < 0;
export const payloadOf = (word: number): number => (word >> PAYLOAD_SHIFT) - 1;
export const isPost = (word: number): boolean => (word & POST_BIT) !== 0;
export const tagOf = (word: number): number => (word & TAG_MASK) >> TAG_SHIFT;
/** The word as the application sees it: no colour, no tag. */
export const bareApp = (word: number): number => word & ~(POST_BIT | TAG_MASK);

export const controlWord = (snapshot: number, kind = 0): number => -(1 + ((snapshot << 3) | kind));
export const controlSnapshot = (word: number): number => (-word - 1) >> 3;
export const controlKind = (word: number): number => (-word - 1) & 7;
