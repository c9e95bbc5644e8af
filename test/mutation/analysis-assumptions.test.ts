// The assumption matrix on models chosen to tell its choices apart: which process the connectivity row cuts off
// (the farthest from the initiators in channel hops, the last of equals, none when every process initiates), how a
// dataflow job's crash budget is kept in every row with the network faults on top of it (in the model checked, the
// row's text and its flags), and the errors it returns rather than throws. Each row's state count is compared with
// verify run on the model the row says it checks.
import { describe, expect, it } from 'vitest';
import { assumptionMatrix, edges, parseTopology, verify, type FaultSpec, type MatrixRow, type ModelSpec, type NetworkSpec } from '../../src/index.ts';
import { model, must } from './models.ts';

const rowsOf = (spec: ModelSpec<unknown, unknown>, faults?: number): readonly MatrixRow[] =>
  must(assumptionMatrix(spec, { workers: 1, ...(faults === undefined ? {} : { faults }) }));
const row = (rows: readonly MatrixRow[], dropped: MatrixRow['dropped']): MatrixRow => {
  const r = rows.find((x) => x.dropped === dropped);
  if (r === undefined) throw new Error(`no ${dropped} row`);
  return r;
};
/** States and verdict of verify on a model, with every execution explored, as the matrix explores each row. */
const checked = (spec: ModelSpec<unknown, unknown>) => {
  const r = must(verify(spec, { workers: 1, stopAtFirst: false }));
  return { states: r.stats.productStates, verdict: r.verdict };
};
const seen = (r: MatrixRow) => ({ states: r.states, verdict: r.verdict });

describe('the connectivity row cuts off the process farthest from the initiators', () => {
  it('names P1, two hops from P0 on 0>2>1, although P2 comes later', () => {
    const spec = model('edges:0>2,2>1,1>0', 'token:1');
    const cut = row(rowsOf(spec), 'connectivity');
    expect(cut.change).toBe('every channel into P1 removed');
    expect(cut.flags).toEqual(['--channels', 'fifo', '--topology', 'edges:0>2,1>0']);
    expect(seen(cut)).toEqual(checked(model('edges:0>2,1>0', 'token:1')));
  });

  it('keeps P0, two hops from P2 on 2>1>0, over the nearer P1 that comes after it', () => {
    const spec = model('edges:2>1,1>0,0>2', 'token:1', { algorithm: { kind: 'chandy-lamport', initiators: [2] } });
    const cut = row(rowsOf(spec), 'connectivity');
    expect(cut.change).toBe('every channel into P0 removed');
    expect(cut.flags).toEqual(['--channels', 'fifo', '--topology', 'edges:0>2,2>1']);
    expect(seen(cut)).toEqual(checked(model('edges:0>2,2>1', 'token:1', { algorithm: { kind: 'chandy-lamport', initiators: [2] } })));
    // P0 never records once nothing reaches it: the snapshot does not terminate.
    expect(cut.checks.terminates).toEqual({ holds: false, applies: true, shortest: expect.any(Number) as number });
  });

  it('cuts nothing off when every process is an initiator, and checks the model as given', () => {
    const rows = rowsOf(model('edges:0>1,1>0', 'bank:1,1', { algorithm: { kind: 'chandy-lamport', initiators: [0, 1] } }));
    const cut = row(rows, 'connectivity');
    expect(cut.change).toBe('no process to cut off');
    expect(cut.flags).toEqual(['--channels', 'fifo', '--topology', 'edges:0>1,1>0']);
    expect(cut.verdict).toBe('holds');
    expect(cut.states).toBe(row(rows, 'none').states);
  });
});

describe('a dataflow job keeps its crashes in every row, with the network faults on top', () => {
  const crashing = (faults: FaultSpec): ModelSpec<unknown, unknown> =>
    model('pipeline:2', 'records:1', { algorithm: 'abs', network: { discipline: 'fifo', faults } });
  const spec = crashing({ crash: true });
  // Each test builds the matrix itself (not the describe block), so that the mutants it reaches are counted as its.
  const with_ = (network: NetworkSpec, more: Partial<ModelSpec<unknown, unknown>> = {}) => checked({ ...spec, network, ...more });

  it('checks the rows without network faults with the one crash the job allows', () => {
    const rows = rowsOf(spec);
    expect(seen(row(rows, 'none'))).toEqual(with_({ discipline: 'fifo', faults: { crash: true, budget: 1 } }));
    expect(seen(row(rows, 'fifo'))).toEqual(with_({ discipline: 'unordered', faults: { crash: true, budget: 1 } }));
    expect(seen(row(rows, 'single-snapshot'))).toEqual(
      with_({ discipline: 'fifo', faults: { crash: true, budget: 1 } }, { algorithm: { kind: 'abs', initiators: [0], snapshots: 2 } }),
    );
    // The crash itself makes states: without it the job has fewer.
    expect(row(rows, 'none').states).toBeGreaterThan(with_({ discipline: 'fifo' }).states);
  });

  it('checks the lossy and duplicating rows with a budget of two faults, crashes included', () => {
    const rows = rowsOf(spec);
    expect(seen(row(rows, 'reliable'))).toEqual(with_({ discipline: 'fifo', faults: { lossy: true, crash: true, budget: 2 } }));
    expect(seen(row(rows, 'no-duplication'))).toEqual(with_({ discipline: 'fifo', faults: { duplicating: true, crash: true, budget: 2 } }));
    expect(row(rows, 'reliable').states).not.toBe(with_({ discipline: 'fifo', faults: { lossy: true, budget: 1 } }).states);
  });

  it('says so in the rows\' text and flags', () => {
    const rows = rowsOf(spec);
    expect(rows.slice(0, 5).map((r) => [r.dropped, r.change, r.flags.join(' ')])).toEqual([
      ['none', 'FIFO, reliable, no duplicates, one snapshot', '--channels fifo'],
      ['fifo', 'every channel unordered', '--channels unordered'],
      ['reliable', 'lossy: a budget of 2 faults, each a crash or a message (markers included) that may vanish', '--channels fifo --lossy --faults 2'],
      ['no-duplication', 'duplicating: a budget of 2 faults, each a crash or a message (markers included) that may be copied', '--channels fifo --duplicating --faults 2'],
      ['single-snapshot', '2 snapshots in sequence, markers carrying snapshot ids', '--channels fifo --snapshots 2'],
    ]);
    expect(row(rows, 'connectivity').change).toBe('every channel into P1 removed');
    // The sink cut off is on no channel: the topology names its processes; and, a source now, it would initiate.
    expect(row(rows, 'connectivity').flags).toEqual(['--channels', 'fifo', '--topology', 'edges:2:', '--initiators', '0']);
    // Cut off, the sink is a source too; the row keeps the job's own initiator.
    const cutOff = { topology: edges([], 2), algorithm: { kind: 'abs', initiators: [0] } };
    expect(seen(row(rows, 'connectivity'))).toEqual(with_({ discipline: 'fifo', faults: { crash: true, budget: 1 } }, cutOff));
  });

  it('adds the fault budget asked for to the crashes', () => {
    const three = rowsOf(crashing({ crash: true }), 2);
    expect(row(three, 'reliable').change).toBe('lossy: a budget of 3 faults, each a crash or a message (markers included) that may vanish');
    expect(row(three, 'no-duplication').flags).toEqual(['--channels', 'fifo', '--duplicating', '--faults', '3']);
  });
});

describe('the assumption matrix returns its errors', () => {
  it('refuses a model that is not valid before building any row', () => {
    const r = assumptionMatrix(model('edges:0>1,1>0', 'bank:1,1', { algorithm: { kind: 'chandy-lamport', initiators: [5] } }), { workers: 1 });
    expect(r.ok ? null : r.error).toEqual({ code: 'CC005', message: 'initiator 5 is not a process of this topology (0..1)' });
  });

  it('passes on what verify refuses', () => {
    const r = assumptionMatrix(model('edges:0>1,1>0', 'bank:1,1'), { workers: 1, capacity: 0 });
    expect(r.ok ? null : r.error).toEqual({ code: 'CC008', message: 'channel capacity must be a whole number from 1 to 256, got 0' });
  });
});

describe('the connectivity row\'s flags check what the row checked', () => {
  /** The model `cutcheck verify` builds from the row's flags: their topology, and their initiators or the default. */
  const replayed = (spec: ModelSpec<unknown, unknown>, flags: readonly string[]): ModelSpec<unknown, unknown> => {
    const at = (f: string) => flags[flags.indexOf(f) + 1];
    const initiators = flags.includes('--initiators') ? { algorithm: { kind: 'abs', initiators: (at('--initiators') ?? '').split(',').map(Number) } } : {};
    return { ...spec, topology: must(parseTopology(at('--topology') ?? '')), ...initiators };
  };

  it('keeps a back-edge and every process, and names the initiators a cut-off sink would join', () => {
    const spec = model('iterate', 'records:1', { algorithm: 'abs' });
    const cut = row(rowsOf(spec), 'connectivity');
    expect(cut.change).toBe('every channel into P3 removed');
    expect(cut.flags).toEqual(['--channels', 'fifo', '--topology', 'edges:4:0>1,1>2,2~>1', '--initiators', '0']);
    expect(seen(cut)).toEqual(checked(replayed(spec, cut.flags)));
  });

  it('names every initiator of a job with two sources', () => {
    const spec = model('fanin:2', 'records:1', { algorithm: 'abs' });
    const cut = row(rowsOf(spec), 'connectivity');
    expect(cut.change).toBe('every channel into P2 removed');
    expect(cut.flags).toEqual(['--channels', 'fifo', '--topology', 'edges:3:', '--initiators', '0,1']);
    expect(seen(cut)).toEqual(checked(replayed(spec, cut.flags)));
  });

  it('leaves the initiators to the model when it named them itself', () => {
    const spec = model('pipeline:3', 'records:1', { algorithm: { kind: 'abs', initiators: [0, 1] } });
    const cut = row(rowsOf(spec), 'connectivity');
    expect(cut.flags).toEqual(['--channels', 'fifo', '--topology', 'edges:3:0>1']);
    expect(seen(cut)).toEqual(checked(replayed(spec, cut.flags)));
  });
});
