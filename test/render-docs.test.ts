// The README's figure of the write-up example cannot rot: docs/writeup.svg and its trace file are what the
// renderer makes today (regenerate with CUTCHECK_UPDATE_DOCS=1 npx vitest run test/render-docs.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { timeline } from '../src/render/timeline.ts';
import { renderSvg } from '../src/render/svg.ts';
import { renderMermaid } from '../src/render/mermaid.ts';
import { toItfTrace } from '../src/trace/itf.ts';
import { atLeastOnceDoc, restoredUnsavedDoc, unblockEarlyDoc, writeupDoc } from './render-helpers.ts';

const update = process.env['CUTCHECK_UPDATE_DOCS'] === '1';
const doc = writeupDoc();
const dataflow = atLeastOnceDoc();
const early = unblockEarlyDoc();
const restored = restoredUnsavedDoc();

describe('the figures in docs/', () => {
  it.each([
    ['docs/writeup.svg', `${renderSvg(timeline(doc, doc))}\n`],
    ['docs/writeup.mmd', renderMermaid(doc, doc)],
    ['docs/writeup.itf.json', `${JSON.stringify(toItfTrace(doc), null, 1)}\n`],
    ['docs/at-least-once.svg', `${renderSvg(timeline(dataflow, dataflow))}\n`],
    ['docs/unblock-early.svg', `${renderSvg(timeline(early, early))}\n`],
    ['docs/flink-20654.svg', `${renderSvg(timeline(restored, restored))}\n`],
  ])('%s is what cutcheck renders today', (path, text) => {
    if (update) writeFileSync(path, text);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});
