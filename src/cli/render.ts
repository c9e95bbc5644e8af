// `cutcheck render FILE --format svg|html|mermaid [--out OUT]`: draws a trace file without needing its model, since
// the file holds every state's text. The format defaults to OUT's extension, else SVG. `render --cut MODEL` draws
// a model's example run (a completed snapshot) without a trace file.

import { writeFileSync } from 'node:fs';
import { type Result, describeThrown, echo, ok, err } from '../errors.ts';
import { runOf, type TraceDoc } from '../trace/document.ts';
import { timeline } from '../render/timeline.ts';
import { renderSvg } from '../render/svg.ts';
import { renderHtml } from '../render/html.ts';
import { renderMermaid } from '../render/mermaid.ts';
import { readTraceFile } from './replay.ts';
import type { VerifyArgs } from './args.ts';
import { parseFlags } from './flags.ts';

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
                           draw a trace: space-time diagram, stepping HTML report, or Mermaid
  cutcheck render --cut [MODEL] [model flags of verify] [--format svg|html|mermaid] [--out FILE]
                           verify the model and draw an example run that completes a snapshot
                           (its counterexample instead, if the model does not hold)`;

const byExtension = (path: string | undefined): Format | undefined =>
  path === undefined ? undefined : path.endsWith('.html') || path.endsWith('.htm') ? 'html' : path.endsWith('.mmd') || path.endsWith('.md') ? 'mermaid' : path.endsWith('.svg') ? 'svg' : undefined;

export function parseRenderArgs(argv: readonly string[]): Result<RenderArgs> {
  const flags = parseFlags(
    argv,
    {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      original: { type: 'boolean' },
      // Accepted for symmetry with the other commands; a drawing has no colour or progress line.
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      progress: { type: 'boolean' },
      'no-progress': { type: 'boolean' },
    },
    'cutcheck help',
  );
  if (!flags.ok) return flags;
  const parsed = flags.value;
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) return err('CC007', `'render' takes one trace file, e.g. cutcheck render out/cex.itf.json --format svg`);
  const f = parsed.values.format;
  if (f !== undefined && !(FORMATS as readonly string[]).includes(f)) return err('CC007', `--format takes ${FORMATS.join(', ')}, got '${f}'`);
  const out = parsed.values.out;
  return ok({ command: 'render', file, format: (f as Format | undefined) ?? byExtension(out) ?? 'svg', ...(out !== undefined ? { out } : {}), original: parsed.values.original === true });
}

/** A trace document drawn in `format`. */
export function drawDoc(doc: TraceDoc, format: Format, original: boolean, replayCommand?: string): string {
  const run = runOf(doc, original);
  switch (format) {
    case 'svg':
      return `${renderSvg(timeline(doc, run))}\n`;
    case 'html':
      return renderHtml(doc, run, replayCommand === undefined ? {} : { replayCommand });
    case 'mermaid':
      return renderMermaid(doc, run);
  }
}

/** The drawing, written to `out` if given, else returned for stdout. */
export function deliver(text: string, out: string | undefined): Result<{ text: string; wrote: string | null }> {
  if (out === undefined) return ok({ text, wrote: null });
  try {
    writeFileSync(out, text);
  } catch (e) {
    return err('CC010', `cannot write ${echo(out)}: ${describeThrown(e)}`);
  }
  return ok({ text, wrote: out });
}

/** The drawing as text; written to --out if given, else returned for stdout. */
export function renderFile(args: RenderArgs): Result<{ text: string; wrote: string | null }> {
  const doc = readTraceFile(args.file);
  if (!doc.ok) return doc;
  return deliver(drawDoc(doc.value, args.format, args.original, `cutcheck replay ${args.file}${args.original ? ' --original' : ''}`), args.out);
}

/** `render --cut`: the model's flags for verify, and how to draw its example run. */
export interface RenderCutArgs {
  readonly command: 'render-cut';
  readonly verify: VerifyArgs;
  readonly format: Format;
  readonly out?: string;
}

/** Splits `render --cut ...` into its drawing flags and the model flags verify takes. */
export function splitRenderCut(argv: readonly string[]): Result<{ format: Format; out?: string; rest: string[] }> {
  const rest: string[] = [];
  let format: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (flag === '--cut') continue;
    if (flag === '--format' || flag === '-f' || flag === '--out' || flag === '-o') {
      const value = inline ?? argv[++i];
      if (value === undefined) return err('CC007', `${flag} needs a value`);
      if (flag === '--format' || flag === '-f') format = value;
      else out = value;
      continue;
    }
    rest.push(a);
  }
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) return err('CC007', `--format takes ${FORMATS.join(', ')}, got ${echo(format)}`);
  return ok({ format: (format as Format | undefined) ?? byExtension(out) ?? 'svg', ...(out !== undefined ? { out } : {}), rest });
}
