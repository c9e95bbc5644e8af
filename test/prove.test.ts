// The bounded theorems of proofs/theorems.json: their certificates re-checked (every graph up to 3 processes and a
// seeded sample of the 4-process ones; `npm run prove` checks them all), the theorems failing when the algorithm is
// broken on purpose, and the certificate check catching a row that changed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTheorems, type Theorem } from '../src/prove/theorems.ts';
import { graphsOf, prove, type Proof } from '../src/prove/prove.ts';
import { certificateText, checkCertificate, parseCertificate, type Certificate } from '../src/prove/certificate.ts';
import { verify } from '../src/check/verify.ts';
import { initialComponents, digraphs } from '../src/prove/digraphs.ts';
import { naiveFacts } from './reference/naive.ts';
import { bank } from '../src/workloads/bank.ts';
import { biring } from '../src/model/topology.ts';
import { CLI_MAIN } from './cli-main.ts';

const THEOREMS = (() => {
  const r = parseTheorems(readFileSync('proofs/theorems.json', 'utf8'), 'proofs/theorems.json');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
})();
const theorem = (id: string): Theorem => THEOREMS.find((t) => t.id === id) as Theorem;
const certificate = (id: string): Certificate => {
  const r = parseCertificate(readFileSync(`proofs/certificates/${id}.json`, 'utf8'), id);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const proved = (t: Theorem, options: Parameters<typeof prove>[1]): Proof => {
  const r = prove(t, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
/** The seeded sample CI re-checks: every graph below 4 processes, and this many of the 4-process ones. */
const SAMPLE = { from: 4, count: 6, seed: 20261203 };

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('the theorem file', () => {
  it('states theorems 1 to 3, Lai-Yang without FIFO, and aligned barriers through a crash', () => {
    expect(THEOREMS.map((t) => t.id)).toEqual(['cl-fifo', 'cl-unordered', 'cl-termination', 'ly-unordered', 'ly-unordered-bank', 'abs-exactly-once']);
  });
});

describe('each certificate in proofs/certificates/', () => {
  for (const t of THEOREMS) {
    it(`of ${t.id} says proved, for exactly the graphs the theorem ranges over`, () => {
      const c = certificate(t.id);
      expect(c.outcome).toBe('proved');
      expect(c.hypotheses).toEqual(t.hypotheses);
      expect(c.rows.every((r) => r.holds)).toBe(true);
      const ids = graphsOf(t).graphs.map((g) => g.id);
      expect(c.graphs).toBe(ids.length);
      expect([...new Set(c.rows.map((r) => r.graph))].sort()).toEqual([...ids].sort());
    });

    it(`of ${t.id} agrees with a re-check of every graph up to 3 processes and a seeded sample of 4`, () => {
      const p = proved(t, { sample: SAMPLE });
      expect(p.outcome).toBe('proved');
      // A theorem on up to 3 processes is re-checked whole; one on 4, on a sample of its 4-process graphs.
      const four = t.hypotheses.processes.to >= 4;
      expect(p.partial).toBe(four);
      expect(p.rows.some((r) => r.graph.startsWith('n4-'))).toBe(four);
      const check = checkCertificate(certificate(t.id), p);
      expect(check.differences).toEqual([]);
      expect(check.agreeing).toBe(p.rows.length);
    });
  }

  it('of theorem 2 gives the shortest inconsistent execution the formula |E| + c + 1 gives, on every graph', () => {
    const byId = new Map([2, 3, 4].flatMap((n) => digraphs(n)).map((g) => [g.id, g]));
    const rows = certificate('cl-unordered').rows;
    expect(rows).toHaveLength(234);
    for (const r of rows) {
      const g = byId.get(r.graph);
      expect(r.shortest).toBe((g?.arcs.length ?? 0) + initialComponents(g!) + 1);
    }
  });
});

describe('theorem 2 checked by the independent naive enumerator', () => {
  it('finds the same shortest inconsistent execution on every graph of 2 and 3 processes', () => {
    for (const r of certificate('cl-unordered').rows.filter((x) => !x.graph.startsWith('n4-'))) {
      const g = [2, 3].flatMap((n) => digraphs(n)).find((x) => x.id === r.graph)!;
      const naive = naiveFacts({ n: g.n, channels: g.arcs, workload: { kind: 'token', hops: 1 }, discipline: 'unordered', initiators: r.initiators });
      expect({ graph: r.graph, shortest: naive.shortestInconsistent }).toEqual({ graph: r.graph, shortest: r.shortest });
    }
  });

  it('counts the same cuts as theorem 1 on every strongly connected graph of 2 and 3 processes', () => {
    for (const r of certificate('cl-fifo').rows.filter((x) => !x.graph.startsWith('n4-'))) {
      const g = [2, 3].flatMap((n) => digraphs(n)).find((x) => x.id === r.graph)!;
      const [kind, arg] = r.workload.split(':') as [string, string];
      const workload = kind === 'bank' ? { kind: 'bank' as const, balance: 1, transfers: 1 } : { kind: 'token' as const, hops: Number(arg) };
      const naive = naiveFacts({ n: g.n, channels: g.arcs, workload, discipline: 'fifo', initiators: r.initiators });
      expect({ graph: r.graph, workload: r.workload, ...naive }).toEqual({ graph: r.graph, workload: r.workload, ...r.facts });
    }
  });
});

describe('a theorem with its algorithm broken on purpose', () => {
  it('fails: Chandy-Lamport recording a channel from the moment its receiver records breaks theorem 1 on the 2-cycle', () => {
    const p = proved(theorem('cl-fifo'), { algorithm: 'chandy-lamport/channel-at-recording', maxProcesses: 3 });
    expect(p.outcome).toBe('refuted');
    const first = p.refutations[0];
    expect(first?.row.graph).toBe('n2-3');
    expect(first?.check).toBe('consistent');
    expect(first?.trace?.steps).toHaveLength(3);
    // Only the first is searched for again as a shortest trace; the rest keep their rows' own counterexamples.
    expect(p.refutations.map((r) => r.shortest)).toEqual([true, ...p.refutations.slice(1).map(() => false)]);
  });

  it('is named by cutcheck prove, with the graph on the command line and the shortest counterexample (exit 1)', () => {
    const r = cli('prove', 'cl-fifo', '--processes', '3', '--algorithm', 'chandy-lamport/no-forwarding');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/with chandy-lamport\/no-forwarding in place of chandy-lamport/);
    expect(r.out).toMatch(/REFUTED on 12 rows of 12/);
    expect(r.out).toMatch(/✗ n2-3 \(--topology edges:0>1,1>0\), bank:1,1, initiators 0: terminates fails/);
    expect(r.out).toMatch(/shortest counterexample \(terminates\), 6 steps:/);
    expect(r.out).toMatch(/6 {2}P1 receives marker on P0→P1/);
    expect(r.out).toMatch(/certificate: not compared/);
  });

  it('runs with the algorithm of a user\'s own model file: aligned markers lose what was in flight on a cycle', () => {
    const r = cli('prove', 'cl-fifo', '--processes', '2', '--model', 'models/user-aligned-markers.ts');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/with aligned-markers in place of chandy-lamport/);
    expect(r.out).toMatch(/✗ n2-3 \(--topology edges:0>1,1>0\), bank:1,1, initiators 0: consistent, reachable, stable, invariant fail/);
    expect(r.out).toMatch(/certificate: not compared \(aligned-markers, from models\/user-aligned-markers.ts, is not the theorem's algorithm\)/);
    const none = cli('prove', 'cl-fifo', '--model', 'models/ping-pong.ts');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/CC005.*defines no algorithm/);
    expect(cli('prove', 'cl-fifo', '--model', 'models/ping-pong.ts', '-a', 'lai-yang').err).toMatch(/--algorithm and --model each name the algorithm/);
  });

  it('fails for Flink too: barriers that unblock the inputs before the snapshot break exactly-once on a DAG', () => {
    const p = proved(theorem('abs-exactly-once'), { algorithm: 'abs/unblock-early', maxProcesses: 3 });
    expect(p.outcome).toBe('refuted');
    expect(p.refutations.some((r) => r.row.violated.includes('exactly-once'))).toBe(true);
  });

  it('fails the other way for theorem 2: Lai-Yang records no inconsistent cut where Chandy-Lamport does', () => {
    const p = proved(theorem('cl-unordered'), { algorithm: 'lai-yang', maxProcesses: 2 });
    expect(p.outcome).toBe('refuted');
    expect(p.rows.every((r) => r.why === 'every recorded cut is consistent')).toBe(true);
  });
});

describe('the certificate check', () => {
  const t = theorem('cl-termination');
  const p = proved(t, { maxProcesses: 2 });

  it('agrees with the stored rows it recomputed, and reads back the text it writes', () => {
    const stored = certificate(t.id);
    expect(checkCertificate(stored, p).differences).toEqual([]);
    const again = parseCertificate(certificateText(stored), 'again');
    expect(again.ok && again.value).toEqual(stored);
  });

  it('names the row and the field that changed, and a row that is missing', () => {
    const stored = certificate(t.id);
    const row = stored.rows.find((r) => r.graph === 'n2-2') as Certificate['rows'][number];
    const tampered = { ...stored, rows: stored.rows.filter((r) => r !== row).concat([{ ...row, productStates: row.productStates + 1 }]) };
    const d = checkCertificate(tampered, p).differences;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(new RegExp(`^n2-2 token:1 \\[${row.initiators.join(',')}\\]: productStates: ${row.productStates + 1} → ${row.productStates}$`));
    const fewer = { ...stored, rows: stored.rows.filter((r) => r.graph !== 'n2-3') };
    expect(checkCertificate(fewer, p).differences.some((x) => /^n2-3 .*not in the certificate$/.test(x))).toBe(true);
  });

  it('leaves out the rows a bound left undecided: the proof is undecided (exit 3), not at odds with its certificate', () => {
    const cut = proved(theorem('cl-fifo'), { maxProcesses: 3, maxStates: 100 });
    expect(cut.outcome).toBe('undecided');
    const undecided = cut.rows.filter((r) => r.undecided === true).length;
    expect(undecided).toBeGreaterThan(0);
    expect(checkCertificate(certificate('cl-fifo'), cut)).toEqual({ agreeing: cut.rows.length - undecided, differences: [] });
    const r = cli('prove', 'cl-fifo', '--processes', '3', '--max-states', '100');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/UNDECIDED: \d+ rows? reached the search bound/);
    expect(r.out).toMatch(/every row recomputed agrees/);
  });

  it('fails cutcheck prove with exit 1 when a certificate differs, and --update writes it again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cutcheck-prove-'));
    const one = { theorems: [{ ...t, hypotheses: { ...t.hypotheses, processes: { from: 2, to: 2 } } }] };
    writeFileSync(join(dir, 'theorems.json'), JSON.stringify(one));
    const first = cli('prove', 'all', '--theorems', join(dir, 'theorems.json'), '--update');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/certificate .*cl-termination\.json: written/);
    const file = join(dir, 'certificates', 'cl-termination.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"productStates":', '"productStates":1'));
    const changed = cli('prove', 'cl-termination', '--theorems', join(dir, 'theorems.json'));
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(/1 difference .*\n {4}n2-\w+ token:1 \[[\d,]+\]: productStates: 1\d+ → \d+/);
    expect(cli('prove', 'cl-termination', '--theorems', join(dir, 'theorems.json'), '--update').code).toBe(1);
    expect(cli('prove', 'cl-termination', '--theorems', join(dir, 'theorems.json')).code).toBe(0);
  });
});

describe('an interrupted proof', () => {
  it('keeps the rows decided before, leaves out the one it was on, and is undecided, not refuted', () => {
    let asked = 0;
    const p = proved(theorem('cl-fifo'), { maxProcesses: 3, interrupt: () => ++asked > 200 });
    expect(p.interrupted).toBe(true);
    expect(p.outcome).toBe('undecided');
    expect(p.rows.length).toBeGreaterThan(0);
    expect(p.rows.length).toBeLessThan(p.planned);
    expect(p.rows.every((r) => r.holds && r.verdict === 'holds')).toBe(true);
    expect(checkCertificate(certificate('cl-fifo'), p).differences).toEqual([]);
  });
});

describe('cutcheck prove on bad input', () => {
  it('names an unknown theorem and lists the known ones (exit 2)', () => {
    const r = cli('prove', 'cl-fiffo');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no theorem 'cl-fiffo' in 'proofs\/theorems.json'; its theorems are cl-fifo, cl-unordered/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses --update on part of a theorem, and an algorithm it does not know', () => {
    expect(cli('prove', 'cl-fifo', '--update', '--processes', '3').err).toMatch(/--update writes whole certificates/);
    expect(cli('prove', 'cl-fifo', '-a', 'chandy-lampart').err).toMatch(/unknown algorithm 'chandy-lampart'/);
  });

  it('names the theorem file and what is wrong in it (CC012)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cutcheck-prove-'));
    const bad = join(dir, 't.json');
    writeFileSync(bad, JSON.stringify({ theorems: [{ ...theorem('cl-fifo'), hypotheses: { ...theorem('cl-fifo').hypotheses, graphs: 'planar' } }] }));
    const r = cli('prove', 'all', '--theorems', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/CC012.*theorem 1 \(cl-fifo\): graphs must be one of all, with-channel, strongly-connected, acyclic/);
    writeFileSync(bad, '{ "theorems": [');
    expect(cli('prove', 'all', '--theorems', bad).err).toMatch(/CC012.*is not JSON/);
  });

  it('lists the theorems with --list', () => {
    const r = cli('prove', '--list');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(THEOREMS.length);
  });
});

describe('the stored-state count', () => {
  it('is the same on every one-thread run, with both reductions on; the facts are the same with two threads', () => {
    const spec = { name: 'biring:4 bank:1,1 unordered', topology: biring(4), workload: bank(1, 1), network: { discipline: 'unordered' as const } };
    const runs = [1, 1, 2].map((workers) => verify(spec, { workers, parallelFrom: 64, stopAtFirst: false }));
    const [a, b, c] = runs.map((r) => (r.ok ? r.value : null));
    expect(a?.stats.reductions.partialOrder).toBe('on');
    expect(a?.stats.productStates).toBe(b?.stats.productStates);
    expect(c?.stats.reductions.threads).toBe(2);
    expect(c?.facts).toEqual(a?.facts);
  });
});
