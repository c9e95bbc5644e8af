// Pictures of a trace: the SVG space-time diagram, the Mermaid sequence diagram and the self-contained HTML report.
import { describe, expect, it } from 'vitest';
import { timeline } from '../src/render/timeline.ts';
import { layout } from '../src/render/layout.ts';
import { boxesOverlap, segmentHitsBox } from '../src/render/boxes.ts';
import { renderSvg } from '../src/render/svg.ts';
import { renderMermaid } from '../src/render/mermaid.ts';
import { renderHtml } from '../src/render/html.ts';
import type { TraceDoc } from '../src/trace/document.ts';
import {
  atLeastOnceDoc, fourProcessDoc, lostDoc, orphanDoc, phantomDoc, restoredUnsavedDoc, twoProcessDoc, unblockEarlyDoc, unorderedBankDoc, writeupDoc,
} from './render-helpers.ts';

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;
const drawn = (doc: TraceDoc) => timeline(doc, doc);

describe('the space-time diagram of the write-up example', () => {
  const doc = writeupDoc();
  const t = timeline(doc, doc);

  it('has one line per process, five steps, and M crossing the cut from P2 to P1', () => {
    expect(t.processes).toEqual(['P1', 'P2']);
    expect(t.steps).toBe(5);
    const m = t.messages.find((x) => x.kind === 'app');
    expect(m).toMatchObject({ text: 'M(4)', from: 1, to: 0, sentAt: 2, endAt: 4, end: 'delivered' });
    expect(t.cut.map((r) => [r.process, r.step])).toEqual([[0, 1], [1, 3]]);
    expect(t.completedAt).toBe(5);
    expect(t.recorded).toEqual({
      processes: [{ process: 0, name: 'P1', state: 'X=1 Y=2 Z=3' }, { process: 1, name: 'P2', state: 'X=0 Y=5 Z=7' }],
      channels: [{ from: 0, to: 1, name: 'P1→P2', messages: [] }, { from: 1, to: 0, name: 'P2→P1', messages: ['M(4)'] }],
    });
  });

  it('draws process lines, dashed markers, the cut and the recorded state in the SVG', () => {
    const svg = renderSvg(t);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(count(svg, /class="process-line"/g)).toBe(2);
    expect(count(svg, /class="message marker/g)).toBe(2);
    expect(count(svg, /class="message app/g)).toBe(1);
    expect(svg).toContain('class="cut-line"');
    expect(svg).toContain('class="cut-region"');
    expect(svg).toContain('P2→P1: [M(4)]');
    expect(svg).toContain('P1→P2: (empty)');
  });

  it('does not fade the marker that closes P2→P1 with M recorded in it', () => {
    expect(t.messages.filter((m) => m.afterCut)).toEqual([]);
  });
});

describe('the diagram of a counterexample', () => {
  const doc = lostDoc();
  const t = timeline(doc, doc);

  it('highlights the guilty message, still in flight when the snapshot completed', () => {
    expect(t.guilty).toEqual({ message: 1, kind: 'lost', should: 'should be in S*(P2→P1): $1' });
    expect(t.messages.find((m) => m.guilty)).toMatchObject({ id: 1, text: '$1', from: 2, to: 1, endAt: null });
    const svg = renderSvg(t);
    expect(count(svg, /class="process-line"/g)).toBe(3);
    expect(svg).toMatch(/class="message app guilty in-flight"/);
    expect(svg).toContain('consistent fails: message #1 ($1 on P2→P1, sent at step 1) is lost');
  });

  it('writes a Mermaid sequence diagram with markers dashed and the guilty message boxed with what S* should hold', () => {
    const mmd = renderMermaid(doc, doc);
    expect(mmd.split('\n')[0]).toBe('sequenceDiagram');
    expect(mmd).toContain('participant p2 as P2');
    expect(mmd).toContain('p0--)p1: 3. marker');
    expect(mmd).toMatch(
      /rect rgb\(254, 202, 202\)\n {2}Note over p2,p1: msg 1 \$1 still in flight on P2→P1 \(sent at step 1\)\. guilty \(lost\): should be in S\*\(P2→P1\): \$1, but S\* records P2→P1 as \(empty\)\n {2}end/,
    );
    expect(mmd).not.toMatch(/[;#]/);
  });

  it('writes one self-contained HTML file: inline SVG, style and script, nothing fetched', () => {
    const html = renderHtml(doc, doc, { replayCommand: 'cutcheck replay out/x.itf.json' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="cutcheck-diagram"');
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\((?!#)/);
    expect(count(html, /<li data-step=/g)).toBe(9);
    expect(html).toContain('cutcheck replay out/x.itf.json');
  });

  it('cannot be broken out of its data block by what a workload prints', () => {
    const html = renderHtml(doc, { ...doc, states: doc.states.map((s) => ({ ...s, processes: s.processes.map((p) => ({ ...p, text: '</script><script>alert(1)</script>' })) })) });
    expect(count(html, /<\/script>/g)).toBe(2);
  });
});

const counterexamples: [string, TraceDoc][] = [
  ['two processes', twoProcessDoc()],
  ['three processes (a lost message on complete:3)', lostDoc()],
  ['three processes (models/bank-unordered.ts, as verify finds it)', unorderedBankDoc()],
  ['four processes', fourProcessDoc()],
  ['an orphan', orphanDoc()],
  ['a phantom', phantomDoc()],
];

describe.each(counterexamples)('the guilty message of %s', (_name, doc) => {
  const t = drawn(doc);
  const g = layout(t);
  const arrow = g.arrows.find((a) => a.message.guilty);

  it("is drawn all the way to the receiver's line", () => {
    if (arrow === undefined) throw new Error('no guilty arrow');
    expect(arrow.to.y).toBe(g.y(arrow.message.to));
    expect(arrow.to.x).toBeGreaterThan(g.x(arrow.message.sentAt));
    expect(arrow.to.x).toBeLessThanOrEqual(g.lineEnd);
    expect(arrow.head).not.toBeNull();
    const path = renderSvg(t).match(/<g class="message app guilty[^>]*>.*?<path class="arrow" d="M([\d.]+),([\d.]+) L([\d.]+),([\d.]+)"/);
    expect(path?.slice(3, 5).map(Number)).toEqual([arrow.to.x, arrow.to.y]);
  });

  it('is labelled with what the recorded cut should have held', () => {
    const label = g.labels.find((l) => l.owner.kind === 'message' && l.owner.id === arrow?.message.id);
    expect(label?.text).toBe(t.guilty?.should);
    expect(label?.text).toMatch(/^should (be|not be|not be received) in S\*\(P\d(→P\d)?\): \$1$/);
    expect(renderSvg(t)).toContain(`>${t.guilty?.should}</text>`);
  });
});

describe('the labels of what the cut should have held', () => {
  it('say which channel should hold a lost message, and that a phantom should not be there', () => {
    expect(drawn(twoProcessDoc()).guilty?.should).toBe('should be in S*(P0→P1): $1');
    expect(drawn(phantomDoc()).guilty?.should).toBe('should not be in S*(P2→P1): $1');
    expect(drawn(orphanDoc()).guilty?.should).toBe('should not be received in S*(P1): $1');
  });
});

describe('the recorded global state S*', () => {
  it('lists every recorded channel, the empty ones included', () => {
    const t = drawn(fourProcessDoc());
    expect(t.recorded?.channels).toHaveLength(12);
    const svg = renderSvg(t);
    for (const c of t.recorded?.channels ?? []) expect(svg).toMatch(new RegExp(`>${c.name}: \\(empty\\)( — misses \\$1)?</text>`));
    expect(count(svg, /class="recorded-state[^"]*"[^>]*>P\d→P\d: /g)).toBe(12);
    expect(count(svg, /class="recorded-state[^"]*"[^>]*>P\d: balance/g)).toBe(4);
  });

  it('lists the empty channels of the two-process counterexample, the one that misses the guilty message in red', () => {
    const svg = renderSvg(drawn(twoProcessDoc()));
    expect(svg).toContain('<text class="recorded-state guilty" x="');
    expect(svg).toMatch(/class="recorded-state guilty"[^>]*>P0→P1: \(empty\) — misses \$1<\/text>/);
    expect(svg).toMatch(/class="recorded-state"[^>]*>P1→P0: \(empty\)<\/text>/);
  });

  it('says what a phantom channel should not hold, and what an orphan receiver received', () => {
    expect(renderSvg(drawn(phantomDoc()))).toMatch(/>P2→P1: \[\$1\] — should not hold \$1</);
    expect(renderSvg(drawn(orphanDoc()))).toMatch(/>P1: balance 2, 1 left — received \$1, never sent</);
  });
});

const pictures: [string, TraceDoc][] = [
  ['the write-up example', writeupDoc()],
  ...counterexamples,
  ['at-least-once after a crash', atLeastOnceDoc()],
  ['an input let through before the snapshot (a blocked band, then a crash)', unblockEarlyDoc()],
  ['FLINK-20654 (two crashes, restored records)', restoredUnsavedDoc()],
];

describe('the crash labels of FLINK-20654', () => {
  it('say which checkpoint each crash restores', () => {
    const g = layout(drawn(restoredUnsavedDoc()));
    expect(g.labels.filter((l) => l.owner.kind === 'crash').map((l) => l.text)).toEqual(['crash: checkpoint 1 restored', 'crash: checkpoint 2 restored']);
  });
});

describe.each(pictures)('the labels of %s', (_name, doc) => {
  const t = drawn(doc);
  const g = layout(t);

  it('are not rotated', () => {
    expect(renderSvg(t)).not.toContain('rotate(');
  });

  it('keep clear of every arrow and process line', () => {
    const hits = g.labels.flatMap((l) => g.obstacles.filter((s) => segmentHitsBox(s, l.box)).map((s) => `'${l.text}' covers ${JSON.stringify(s)}`));
    expect(hits).toEqual([]);
  });

  it('keep clear of each other', () => {
    const pairs = g.labels.flatMap((a, i) => g.labels.slice(i + 1).filter((b) => boxesOverlap(a.box, b.box)).map((b) => `'${a.text}' and '${b.text}'`));
    expect(pairs).toEqual([]);
  });

  it('all fit inside the picture', () => {
    for (const l of g.labels) expect(l.box.x + l.box.w).toBeLessThanOrEqual(g.width);
  });
});

describe('marker traffic after the cut', () => {
  const t = drawn(fourProcessDoc());
  const faded = t.messages.filter((m) => m.afterCut);
  const recordedAt = (p: number): number => t.cut.find((r) => r.process === p)?.step ?? -1;

  it('is every marker delivered after its receiver recorded, except on the guilty message’s channel', () => {
    expect(faded.map((m) => `${m.from}→${m.to}`).sort()).toEqual(['1→0', '1→2', '1→3', '2→0', '2→1', '2→3', '3→0', '3→1', '3→2']);
    for (const m of faded) expect(m.endAt).toBeGreaterThan(recordedAt(m.to));
    expect(t.messages.filter((m) => m.kind === 'marker' && !m.afterCut).map((m) => `${m.from}→${m.to}`)).toEqual(['0→1', '0→2', '0→3']);
    expect(t.messages.some((m) => m.kind === 'app' && m.afterCut)).toBe(false);
  });

  it('carries the faded style: grey, thin and translucent, its arrowhead and delivery point too', () => {
    const svg = renderSvg(t);
    expect(count(svg, /<g class="message marker after-cut"/g)).toBe(9);
    expect(count(svg, /<g class="message marker after-cut"[^>]*>.*?marker-end="url\(#cc-head-faded\)"/g)).toBe(9);
    expect(svg).toContain('.message.marker.after-cut .arrow{stroke:#9ca3af;stroke-width:1.2;opacity:.6}');
    expect(count(svg, /<g class="step-event after-cut"/g)).toBe(9);
    expect(svg).toContain('marker after the cut');
  });

  it('keeps the marker on the guilty message’s channel, which overtook it, at full strength', () => {
    const lost = drawn(lostDoc());
    expect(lost.messages.find((m) => m.kind === 'marker' && m.from === 2 && m.to === 1)).toMatchObject({ afterCut: false, endAt: 8 });
  });
});
