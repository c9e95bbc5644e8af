// The HTML report as a person meets it, in headless Chromium: one line per process, the cut drawn, stepping back
// and forth with the buttons and the arrow keys, nothing fetched from the network; and a screenshot under out/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../src/render/html.ts';
import { renderSvg } from '../src/render/svg.ts';
import { timeline } from '../src/render/timeline.ts';
import { boxesOverlap, segmentHitsBox, type Box, type Segment } from '../src/render/boxes.ts';
import type { TraceDoc } from '../src/trace/document.ts';
import { fourProcessDoc, lostDoc, twoProcessDoc, unorderedBankDoc, writeupDoc } from './render-helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const skip = process.env['CUTCHECK_NO_BROWSER'] === '1';
if (skip) console.warn('CUTCHECK_NO_BROWSER=1: skipping the headless Chromium tests of the HTML report');
const OUT = resolve('out/browser');

describe.skipIf(skip)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`headless Chromium is not installed at ${CHROMIUM}: run 'apt-get install -y chromium' (as .ci/run does), or set CUTCHECK_NO_BROWSER=1 to skip these tests`);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(OUT, { recursive: true });
    const doc = lostDoc();
    writeFileSync(`${OUT}/report.html`, renderHtml(doc, doc, { replayCommand: 'cutcheck replay out/lost.itf.json' }));
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${OUT}/report.html`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const position = async (): Promise<string | null> => page.textContent('#position');

  it('draws one line per process, the cut, and the guilty message', async () => {
    expect(await page.locator('svg .process-line').count()).toBe(3);
    expect(await page.locator('svg polyline.cut-line').count()).toBe(1);
    expect(await page.locator('svg .message.guilty').count()).toBe(1);
    expect(await page.locator('#step-list li').count()).toBe(9);
  });

  it('opens on the last step and steps back and forth with the buttons and the arrow keys', async () => {
    expect(await position()).toBe('step 8 of 8');
    await page.click('#back');
    await page.click('#back');
    expect(await position()).toBe('step 6 of 8');
    await page.keyboard.press('ArrowLeft');
    expect(await position()).toBe('step 5 of 8');
    await page.keyboard.press('ArrowRight');
    expect(await position()).toBe('step 6 of 8');
    await page.click('#first');
    expect(await position()).toBe('step 0 of 8');
    expect(await page.isDisabled('#back')).toBe(true);
    await page.keyboard.press('ArrowRight');
    expect(await page.textContent('#now')).toContain('1. P2: transfer to P1');
  });

  it('shows every process and channel at the current step, the guilty message marked', async () => {
    await page.click('#step-list li[data-step="2"]');
    expect(await position()).toBe('step 2 of 8');
    expect(await page.locator('#processes tr').count()).toBe(4);
    const p0 = await page.locator('#processes tr').nth(1).textContent();
    expect(p0).toContain('balance 2, 2 left');
    const channel = page.locator('#channels tr', { hasText: 'P2→P1' });
    expect(await channel.locator('.msg.guilty').textContent()).toBe('#1 $1');
    expect(await page.locator('svg .message.future').count()).toBeGreaterThan(0);
  });

  it('fetches nothing from the network, and leaves a screenshot in out/browser', async () => {
    await page.click('#last');
    await page.screenshot({ path: `${OUT}/report.png`, fullPage: true });
    expect(existsSync(`${OUT}/report.png`)).toBe(true);
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
  });

  it("renders the write-up's figure as a PNG (docs/writeup.png when CUTCHECK_UPDATE_DOCS=1)", async () => {
    const t = timeline(writeupDoc(), writeupDoc());
    const svg = renderSvg(t);
    const p = await browser.newPage({ viewport: { width: 900, height: 500 } });
    await p.setContent(`<html><body style="margin:0">${svg}</body></html>`);
    const target = process.env['CUTCHECK_UPDATE_DOCS'] === '1' ? resolve('docs/writeup.png') : `${OUT}/writeup.png`;
    await p.locator('svg').screenshot({ path: target });
    expect(await p.locator('svg .process-line').count()).toBe(2);
    await p.close();
  });
});

/** What the browser drew: every label's box as it measures it, every arrow and process line as a segment. */
interface Drawn {
  readonly labels: readonly { readonly text: string; readonly box: Box }[];
  readonly arrows: readonly (Segment & { readonly cls: string; readonly to: number; readonly stroke: string; readonly opacity: string })[];
  readonly lines: readonly (Segment & { readonly process: number })[];
}

/** Run in the page (as plain script: the tests are typed without the DOM): measures what `Drawn` describes. */
const MEASURE = `(() => {
  const svg = document.querySelector('svg.cutcheck-diagram');
  const labels = Array.from(svg.querySelectorAll('text.label')).map((t) => {
    const b = t.getBBox();
    return { text: t.textContent, box: { x: b.x, y: b.y, w: b.width, h: b.height } };
  });
  const arrows = Array.from(svg.querySelectorAll('.message path.arrow')).map((p) => {
    const [x1, y1, x2, y2] = p.getAttribute('d').match(/-?[\\d.]+/g).map(Number);
    const style = getComputedStyle(p);
    return { x1, y1, x2, y2, cls: p.parentElement.getAttribute('class'), to: Number(p.parentElement.getAttribute('data-to')), stroke: style.stroke, opacity: style.opacity };
  });
  const lines = Array.from(svg.querySelectorAll('line.process-line')).map((l) => ({
    x1: l.x1.baseVal.value, y1: l.y1.baseVal.value, x2: l.x2.baseVal.value, y2: l.y2.baseVal.value, process: Number(l.getAttribute('data-process')),
  }));
  return { labels, arrows, lines };
})()`;

describe.skipIf(skip)('the counterexample pictures in headless Chromium', () => {
  let browser: Browser;
  const pictures: [string, TraceDoc][] = [
    ['two-process', twoProcessDoc()],
    ['three-process', unorderedBankDoc()],
    ['four-process', fourProcessDoc()],
  ];
  const drawn = new Map<string, Drawn>();

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(OUT, { recursive: true });
    for (const [name, doc] of pictures) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.setContent(`<html><body style="margin:0">${renderSvg(timeline(doc, doc))}</body></html>`);
      await page.locator('svg').screenshot({ path: `${OUT}/${name}.png` });
      writeFileSync(`${OUT}/${name}.html`, renderHtml(doc, doc));
      await page.goto(`file://${OUT}/${name}.html`);
      await page.screenshot({ path: `${OUT}/${name}-report.png`, fullPage: true });
      drawn.set(name, (await page.evaluate(MEASURE)) as Drawn);
      await page.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  const picture = (name: string): Drawn => {
    const d = drawn.get(name);
    if (d === undefined) throw new Error(`no picture '${name}'`);
    return d;
  };
  const names = pictures.map(([name]) => name);

  it.each(names)("draws the %s guilty message to the receiver's line, labelled with what S* should hold", (name) => {
    const d = picture(name);
    const guilty = d.arrows.filter((a) => a.cls.includes('guilty'));
    expect(guilty).toHaveLength(1);
    const arrow = guilty[0] as Drawn['arrows'][number];
    const line = d.lines.find((l) => l.process === arrow.to);
    expect(arrow.y2).toBeCloseTo(line?.y1 ?? NaN, 5);
    expect(arrow.x2).toBeGreaterThan(line?.x1 ?? Infinity);
    expect(arrow.x2).toBeLessThanOrEqual(line?.x2 ?? -Infinity);
    expect(d.labels.map((l) => l.text)).toContain('should be in S*(P0→P1): $1');
  });

  it.each(names)('keeps every %s label, as the browser measures it, clear of the arrows, the process lines and the other labels', (name) => {
    const d = picture(name);
    expect(d.labels.length).toBeGreaterThanOrEqual(5);
    const segments: Segment[] = [...d.arrows, ...d.lines];
    const covering = d.labels.flatMap((l) => segments.filter((s) => segmentHitsBox(s, l.box)).map((s) => `'${l.text}' covers ${JSON.stringify(s)}`));
    expect(covering).toEqual([]);
    const overlapping = d.labels.flatMap((a, i) => d.labels.slice(i + 1).filter((b) => boxesOverlap(a.box, b.box)).map((b) => `'${a.text}' and '${b.text}'`));
    expect(overlapping).toEqual([]);
  });

  it.each(names)('fades the %s marker traffic after the cut: grey and translucent, the other markers blue', (name) => {
    const d = picture(name);
    const faded = d.arrows.filter((a) => a.cls.includes('after-cut'));
    expect(faded.length).toBeGreaterThan(0);
    for (const a of faded) expect([a.stroke, a.opacity]).toEqual(['rgb(156, 163, 175)', '0.6']);
    const markers = d.arrows.filter((a) => a.cls.includes('marker') && !a.cls.includes('after-cut'));
    for (const a of markers) expect([a.stroke, a.opacity]).toEqual(['rgb(37, 99, 235)', '1']);
  });
});
