// Strict shapes for what users write: a key the contract does not know is a mistake (`send:` for `sends:`),
// reported with the nearest known key instead of being silently ignored.

import { echo } from '../errors.ts';

/** Edit distance between two short strings (insertions, deletions, substitutions, adjacent swaps). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  return (d[a.length] as number[])[b.length] as number;
}

/** The known key nearest to `key`, when it is near enough to be the one meant. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const dist = distance(key.toLowerCase(), k.toLowerCase());
    if (dist < bestD) [best, bestD] = [k, dist];
  }
  return bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/**
 * The first own key of `value` that is not in `known`, as a sentence ("unknown key 'send' in an action outcome
 * at P0; did you mean 'sends'?"), or null when every key is known. `where` says whose object it is.
 */
export function unknownKey(value: object, known: readonly string[], where: string): string | null {
  let keys: string[];
  try {
    keys = Object.keys(value);
  } catch {
    return `the keys of ${where} cannot be read (a Proxy or getter threw)`;
  }
  for (const key of keys) {
    if (known.includes(key)) continue;
    const near = nearestKey(key, known);
    return `unknown key ${echo(key)} in ${where}; ${near !== undefined ? `did you mean '${near}'?` : `expected ${known.map((k) => `'${k}'`).join(', ')}`}`;
  }
  return null;
}
