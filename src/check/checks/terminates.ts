// terminates: every snapshot completes: no execution reaches a dead end with a snapshot started and unfinished
// (or with none completed at all).

import { type Check, type ExplainAt, NONE } from './check.ts';

export const terminates: Check = {
  name: 'terminates',
  summary: 'every snapshot completes: no execution ends with one half-done',
  inspects: ['terminal'],
  terminal: ({ sys }) => (vec) =>
    sys.isTerminalComplete(vec)
      ? NONE
      : // Stryker disable next-line StringLiteral: the source is read only as 'app' or 'product', and this one is neither
        [{ check: 'terminates', source: 'product-state' }],
  explain: (_f, at) => explainStuck(at),
};

function explainStuck(at: ExplainAt): string {
  const { viewer, last: vec, steps: n } = at;
  const sys = viewer.system;
  const processes = Array.from({ length: sys.n }, (_, p) => p);
  const channels = Array.from({ length: sys.channelCount }, (_, c) => c);
  const unrecorded = processes.filter((p) => !sys.isRecorded(vec, p)).map((p) => viewer.process(p));
  const open = channels.filter((c) => sys.channelPhase(vec, c) !== 'closed').map((c) => viewer.channel(c));
  const undone = processes.filter((p) => !sys.isLocallyComplete(vec, p)).map((p) => viewer.process(p));
  const held = channels.filter((c) => sys.isBlocked(vec, c)).map((c) => viewer.channel(c));
  const blocked = held.length > 0 ? `; ${held.join(', ')} ${held.length === 1 ? 'is' : 'are'} held back by ${held.length === 1 ? 'its receiver' : 'their receivers'}, waiting for ${viewer.controlName()}s that cannot come` : '';
  const who =
    unrecorded.length > 0
      ? `${unrecorded.join(', ')} never record${unrecorded.length === 1 ? 's' : ''}${blocked}`
      : open.length > 0
        ? `every process recorded but ${open.join(', ')} never closed`
        : `every process recorded but ${undone.join(', ')} never finished`;
  return `After step ${n} no step is enabled, yet the snapshot is not complete: ${who}${unrecorded.length > 0 && open.length > 0 ? ` (channels still open: ${open.join(', ')})` : ''}.`;
}
