// `cutcheck render FILE --format svg|html|mermaid [--out OUT]`: draws a trace file without needing its model, since
// the file holds every state's text. The format defaults to OUT's extension, else SVG.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Result, describeThrown, echo, ok, err } from '../errors.ts';
import { runOf } from '../trace/document.ts';
import { timeline } from '../render/timeline.ts';
import { renderSvg } from '../render/svg.ts';
import { renderHtml } from '../render/html.ts';
import { renderMermaid } from '../render/mermaid.ts';
import { readTraceFile } from './replay.ts';

export const FORMATS = ['svg', 'html', 'mermaid'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderArgs {
  readonly command: 'render';
  readonly file: string;
  readonly format: Format;
  readonly out?: string;
  readonly original: boolean;
}

export const RENDER_USAGE = `  cutcheck render TRACE.itf.json [--format svg|html|mermaid] [--out FILE] [--original]
                           draw a trace: space-time diagram, stepping HTML report, or Mermaid`;

const byExtension = (path: string | undefined): Format | undefined =>
  path === undefined ? undefined : path.endsWith('.html') || path.endsWith('.htm') ? 'html' : path.endsWith('.mmd') || path.endsWith('.md') ? 'mermaid' : path.endsWith('.svg') ? 'svg' : undefined;

export function parseRenderArgs(argv: readonly string[]): Result<RenderArgs> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        original: { type: 'boolean' },
        // Accepted for symmetry with the other commands; a drawing has no colour or progress line.
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
      },
    });
  } catch (e) {
    return err('CC007', `${e instanceof Error ? e.message.split('\n')[0] : String(e)} (see 'cutcheck help')`);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) return err('CC007', `'render' takes one trace file, e.g. cutcheck render out/cex.itf.json --format svg`);
  const f = parsed.values.format;
  if (f !== undefined && !(FORMATS as readonly string[]).includes(f)) return err('CC007', `--format takes ${FORMATS.join(', ')}, got '${f}'`);
  const out = parsed.values.out;
  return ok({ command: 'render', file, format: (f as Format | undefined) ?? byExtension(out) ?? 'svg', ...(out !== undefined ? { out } : {}), original: parsed.values.original === true });
}

/** The drawing as text; written to --out if given, else returned for stdout. */
export function renderFile(args: RenderArgs): Result<{ text: string; wrote: string | null }> {
  const doc = readTraceFile(args.file);
  if (!doc.ok) return doc;
  const run = runOf(doc.value, args.original);
  let text: string;
  switch (args.format) {
    case 'svg':
      text = `${renderSvg(timeline(doc.value, run))}\n`;
      break;
    case 'html':
      text = renderHtml(doc.value, run, { replayCommand: `cutcheck replay ${args.file}${args.original ? ' --original' : ''}` });
      break;
    case 'mermaid':
      text = renderMermaid(doc.value, run);
      break;
  }
  if (args.out === undefined) return ok({ text, wrote: null });
  try {
    writeFileSync(args.out, text);
  } catch (e) {
    return err('CC010', `cannot write ${echo(args.out)}: ${describeThrown(e)}`);
  }
  return ok({ text, wrote: args.out });
}
