// Pictures of a trace: the SVG space-time diagram, the Mermaid sequence diagram and the self-contained HTML report.
import { describe, expect, it } from 'vitest';
import { timeline } from '../src/render/timeline.ts';
import { renderSvg } from '../src/render/svg.ts';
import { renderMermaid } from '../src/render/mermaid.ts';
import { renderHtml } from '../src/render/html.ts';
import { lostDoc, writeupDoc } from './render-helpers.ts';

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

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
    expect(t.recorded).toEqual(['P1: X=1 Y=2 Z=3', 'P2: X=0 Y=5 Z=7', 'P2→P1: [M(4)]']);
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
  });
});

describe('the diagram of a counterexample', () => {
  const doc = lostDoc();
  const t = timeline(doc, doc);

  it('highlights the guilty message, still in flight when the snapshot completed', () => {
    expect(t.guilty).toEqual({ message: 1, kind: 'lost' });
    expect(t.messages.find((m) => m.guilty)).toMatchObject({ id: 1, text: '$1', from: 2, to: 1, endAt: null });
    const svg = renderSvg(t);
    expect(count(svg, /class="process-line"/g)).toBe(3);
    expect(svg).toMatch(/class="message app guilty in-flight"/);
    expect(svg).toContain('consistent fails: message #1 ($1 on P2→P1, sent at step 1) is lost');
  });

  it('writes a Mermaid sequence diagram with markers dashed and the guilty message boxed', () => {
    const mmd = renderMermaid(doc, doc);
    expect(mmd.split('\n')[0]).toBe('sequenceDiagram');
    expect(mmd).toContain('participant p2 as P2');
    expect(mmd).toContain('p0--)p1: 3. marker');
    expect(mmd).toMatch(/rect rgb\(254, 202, 202\)\n {2}Note over p2,p1: msg 1 \$1 still in flight on P2→P1 \(sent at step 1\)\n {2}end/);
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
