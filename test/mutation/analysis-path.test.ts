// The checker of one path: the capacities it tries when a channel overflows along the path, the error when even the
// largest overflows, and a failure of anything else, which it passes on rather than retrying it as an overflow.
import { describe, expect, it } from 'vitest';
import { withPathChecker } from '../../src/check/path.ts';
import { MAX_CAPACITY } from '../../src/check/verify.ts';
import { fail, ok } from '../../src/errors.ts';
import { resolveModel } from '../../src/model/define.ts';
import { CapacityOverflow } from '../../src/network/channels.ts';
import { model, must } from './models.ts';

const bank = () => must(resolveModel(model('edges:0>1,1>0', 'bank:1,1')));

describe('a path is checked on channels large enough for it', () => {
  it('doubles the capacity from the one given until the path fits', () => {
    const tried: number[] = [];
    const r = withPathChecker(bank(), 3, (c) => {
      tried.push(c.capacity);
      if (c.capacity < 12) throw new CapacityOverflow(c.capacity, 0);
      return ok(c.capacity);
    });
    expect(r).toEqual({ ok: true, value: 12 });
    expect(tried).toEqual([3, 6, 12]);
  });

  it('refuses a path that overflows the largest capacity', () => {
    const tried: number[] = [];
    const r = withPathChecker(bank(), 100, (c) => {
      tried.push(c.capacity);
      throw new CapacityOverflow(c.capacity, 0);
    });
    expect(r).toEqual({ ok: false, error: { code: 'CC008', message: `a channel would hold more than ${MAX_CAPACITY} messages along this trace` } });
    expect(tried).toEqual([100, 200, MAX_CAPACITY]);
  });

  it('passes on any other failure at once', () => {
    const tried: number[] = [];
    expect(() =>
      withPathChecker(bank(), 4, (c) => {
        tried.push(c.capacity);
        return fail('CC006', 'the workload failed');
      }),
    ).toThrow('the workload failed');
    expect(tried).toEqual([4]);
  });
});
