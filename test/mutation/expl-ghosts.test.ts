// A workload's ghosts function that returns nothing for a state: refused like any other answer that is not a list of
// strings, rather than read as "absorbed nothing", which let exactly-once and no-loss hold on a job that loses records.
import { describe, expect, it } from 'vitest';
import { verify, type ModelSpec } from '../../src/index.ts';
import { model, must } from './models.ts';

/** A pipeline P0 → P1 whose unaligned checkpoints save no channel state: a crash loses the record in flight. */
const losing = model('edges:0>1', 'records:1', { algorithm: 'unaligned/no-channel-state', network: { discipline: 'fifo', faults: { crash: true } } });

describe('the ghost checks on a job that loses a record in a crash', () => {
  it('fail exactly-once and no-loss with the record lost', () => {
    const r = must(verify(losing, { workers: 1, stopAtFirst: false }));
    expect([r.checks['exactly-once'], r.checks['no-loss'], r.checks['no-duplicate']]).toEqual(['violated', 'violated', 'holds']);
    expect(r.violations.find((v) => v.check === 'no-loss')?.explanation).toBe(
      'After step 4 the job is done (nothing left to do, nothing in flight), and a record is lost: P1 absorbed 0.1 not at all, where the failure-free run absorbs it once.',
    );
  });

  it('refuse a ghosts function that returns nothing, naming the workload and the process', () => {
    const silent: ModelSpec<unknown, unknown> = { ...losing, workload: { ...losing.workload, ghosts: () => undefined as unknown as string[] } };
    const r = verify(silent, { workers: 1, stopAtFirst: false });
    expect(r.ok ? r.value.checks : r.error).toEqual({ code: 'CC006', message: "workload 'records:1' ghosts at P0 must return a list of strings" });
  });
});
