// The HTML report as a person meets it, in headless Chromium: one line per process, the cut drawn, stepping back
// and forth with the buttons and the arrow keys, nothing fetched from the network; and a screenshot under out/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../src/render/html.ts';
import { renderSvg } from '../src/render/svg.ts';
import { timeline } from '../src/render/timeline.ts';
import { lostDoc, writeupDoc } from './render-helpers.ts';

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
    const p = await browser.newPage({ viewport: { width: 600, height: 300 } });
    await p.setContent(`<html><body style="margin:0">${svg}</body></html>`);
    const target = process.env['CUTCHECK_UPDATE_DOCS'] === '1' ? resolve('docs/writeup.png') : `${OUT}/writeup.png`;
    await p.locator('svg').screenshot({ path: target });
    expect(await p.locator('svg .process-line').count()).toBe(2);
    await p.close();
  });
});
