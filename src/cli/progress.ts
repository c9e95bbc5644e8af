// The live progress line on stderr: shown only on a terminal and only once a run has lasted a second.

import type { PhaseProgress } from '../check/verify.ts';

const int = (n: number): string => n.toLocaleString('en-US');

export function progressLine(stream: NodeJS.WriteStream, enabled: boolean): { update: (p: PhaseProgress) => void; clear: () => void } {
  let shown = false;
  return {
    update(p) {
      if (!enabled || p.elapsedMs < 1000) return;
      const rate = p.states / Math.max(p.elapsedMs / 1000, 1e-3);
      stream.write(
        `\r\x1b[2K[${p.phase}] ${int(p.states)} states  ${int(Math.round(rate))} states/s  frontier ${int(p.frontier)}  depth ${p.depth}  ${(p.elapsedMs / 1000).toFixed(1)} s`,
      );
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
