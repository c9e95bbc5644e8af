// Progress on stderr while a search runs. On a terminal: a live line, redrawn, once a run has lasted a second.
// Off a terminal (CI logs, pipes): a plain line every 10 seconds, as TLC prints, so a long run is never silent.
// Each gives the states stored, their share of the state bound, states per second, depth and memory in use.

import type { PhaseProgress } from '../check/verify.ts';

const int = (n: number): string => n.toLocaleString('en-US');
const mb = (bytes: number): string => (bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GB` : `${Math.round(bytes / (1 << 20))} MB`);

export type ProgressMode = 'live' | 'lines' | 'off';

/** The mode for a stream: `--progress`/`--no-progress` if given, else live on a terminal and lines elsewhere. */
export const progressMode = (flag: boolean | undefined, tty: boolean): ProgressMode => (flag === false ? 'off' : tty ? 'live' : 'lines');

/** Seconds between plain progress lines off a terminal. */
export const LINE_EVERY_MS = 10_000;

/** One progress report as text (no terminal control characters). */
export function progressText(p: PhaseProgress, rssBytes: number): string {
  const rate = p.states / Math.max(p.elapsedMs / 1000, 1e-3);
  const share = Number.isFinite(p.maxStates) && p.maxStates > 0 ? ` (${((100 * p.states) / p.maxStates).toFixed(p.states * 1000 < p.maxStates ? 2 : 1)}% of --max-states ${int(p.maxStates)})` : '';
  return `[${p.of === undefined ? '' : `${p.of}: `}${p.phase}] ${int(p.states)} states${share}  ${int(Math.round(rate))} states/s  frontier ${int(p.frontier)}  depth ${p.depth}  memory ${mb(rssBytes)}  ${(p.elapsedMs / 1000).toFixed(1)} s`;
}

/**
 * A progress line of any text: on a terminal, redrawn in place once `elapsedMs` reaches a second; elsewhere, written
 * as a line every `lineEveryMs` of it. `restart()` begins the schedule again (a new phase, whose clock restarts).
 */
export function textProgress(
  stream: { write(s: string): unknown },
  mode: ProgressMode,
  lineEveryMs = LINE_EVERY_MS,
): { update: (text: string, elapsedMs: number) => void; restart: () => void; clear: () => void } {
  let shown = false;
  let nextLine = lineEveryMs;
  return {
    update(text, elapsedMs) {
      if (mode === 'off') return;
      if (mode === 'live') {
        if (elapsedMs < 1000) return;
        stream.write(`\r\x1b[2K${text}`);
        shown = true;
        return;
      }
      if (elapsedMs < nextLine) return;
      stream.write(`${text}\n`);
      while (nextLine <= elapsedMs) nextLine += lineEveryMs;
    },
    restart() {
      nextLine = lineEveryMs;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

export function progressLine(
  stream: { write(s: string): unknown },
  mode: ProgressMode,
  rss: () => number = () => process.memoryUsage.rss(),
  lineEveryMs = LINE_EVERY_MS,
): { update: (p: PhaseProgress) => void; clear: () => void } {
  const line = textProgress(stream, mode, lineEveryMs);
  let phase = '';
  return {
    update(p) {
      if (mode === 'off') return;
      // Elapsed time restarts with each phase; so does the schedule of lines.
      if (`${p.of}${p.phase}` !== phase) {
        phase = `${p.of}${p.phase}`;
        line.restart();
      }
      line.update(progressText(p, rss()), p.elapsedMs);
    },
    clear: line.clear,
  };
}
