// Regenerates the event logs of test/fixtures/admit/log/ from the test's own Chandy-Lamport implementation
// (cl-implementation.ts), on the three-server scenario of test/fixtures/admit/three: `npx tsx test/reference/make-log-fixtures.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseEvents, parseTopology } from '../../src/admit/formats.ts';
import { simulate, type SimEvent } from './cl-implementation.ts';

const here = (p: string): URL => new URL(`../fixtures/admit/${p}`, import.meta.url);
const topology = parseTopology(readFileSync(here('three/topology.txt'), 'utf8'), 'topology.txt');
if (!topology.ok) throw new Error(topology.error.message);
const events = parseEvents(readFileSync(here('three/events.txt'), 'utf8'), 'events.txt', topology.value);
if (!events.ok) throw new Error(events.error.message);
const script = events.value.flatMap((e): SimEvent[] => (e.kind === 'send' ? [{ send: [e.src, e.dst, e.tokens] }] : e.kind === 'snapshot' ? [{ snapshot: e.server }] : []));

/** A seeded generator (mulberry32), so that the fixtures are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The first seed whose run overlaps the two snapshots (snapshot 1 starts before snapshot 0 completes), and the first
// whose run, with the buggy implementation, forwards a marker late.
const overlapping = (log: readonly string[]): boolean =>
  log.findIndex((l) => l.includes('"event":"record"') && l.includes('"snapshot":1')) < log.findIndex((l) => l.includes('"event":"snapshot","id":0'));
if (import.meta.url === `file://${process.argv[1]}`) {
  for (let seed = 1; ; seed++) {
    const run = simulate(topology.value, script, seeded(seed));
    if (run.collected.size === 2 && overlapping(run.log)) {
      writeFileSync(here('log/several.jsonl'), `${run.log.join('\n')}\n`);
      console.log(`several.jsonl: seed ${seed}, ${run.log.length} events`);
      break;
    }
  }
  for (let seed = 1; ; seed++) {
    const run = simulate(topology.value, script, seeded(seed), { lateMarker: true });
    if (run.late.length > 0) {
      writeFileSync(here('log/late-marker.jsonl'), `${run.log.join('\n')}\n`);
      console.log(`late-marker.jsonl: seed ${seed}, ${run.log.length} events, first late send on line ${run.late[0]}`);
      break;
    }
  }
}
