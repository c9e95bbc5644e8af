// The write-up's two-process example: P1 initiates, P2 sends M before the marker reaches it.
import { writeupModel } from 'cutcheck';

export const expect = 'holds';
export default writeupModel;
