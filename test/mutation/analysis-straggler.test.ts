// The straggler measurement on a two-source job, pinned row by row: the lag counts only records delivered (a source
// emitting is a step of process 0, not a delivery on channel 0), and a step may not pile records up on a prompt
// channel, however many there are (every channel of the job is looked at, and nothing past them).
import { describe, expect, it } from 'vitest';
import { measureStraggler } from '../../src/check/straggler.ts';
import { resolveModel } from '../../src/model/define.ts';
import { model, must } from './models.ts';

const straggler = (algorithm: string) => measureStraggler(must(resolveModel(model('fanin:2', 'records:2', { algorithm }))), 0, 4);

describe('a slow first source of fanin:2, two records each', () => {
  it('gives ABS\'s rows: records held back behind the blocked input, nothing saved', () => {
    const s = straggler('abs');
    expect(s.rows).toEqual([
      { lag: 0, heldBack: 0, recorded: 0, recordedSlow: 0, completions: 1 },
      { lag: 1, heldBack: 2, recorded: 0, recordedSlow: 0, completions: 125 },
      { lag: 2, heldBack: 2, recorded: 0, recordedSlow: 0, completions: 266 },
    ]);
    expect([s.channel, s.states, s.complete]).toEqual([0, 1772, true]);
  });

  it('gives unaligned\'s rows: nothing held back, records saved as channel state', () => {
    const s = straggler('unaligned');
    expect(s.rows).toEqual([
      { lag: 0, heldBack: null, recorded: 0, recordedSlow: 0, completions: 1 },
      { lag: 1, heldBack: null, recorded: 3, recordedSlow: 2, completions: 600 },
      { lag: 2, heldBack: null, recorded: 4, recordedSlow: 2, completions: 1363 },
    ]);
    expect([s.states, s.complete]).toEqual([4087, true]);
  });
});
