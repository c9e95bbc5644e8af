// The folder layout is a map of the architecture: each folder of src/ imports only from the folders below it, so
// that a newcomer can read it bottom up and no lower layer depends on an upper one. Type-only imports of the
// shared vocabulary (model/types.ts: what a model is made of) are exempt: they describe data, not behaviour.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;

/** Bottom first. A folder may import from itself and from any folder before it. */
const LAYERS = ['errors', 'network', 'snapshot', 'model', 'workloads', 'system', 'explore', 'reduce', 'check', 'prove', 'trace', 'admit', 'simulate', 'report', 'render', 'testing', 'cli', 'index'];
const VOCABULARY = ['model/types.ts'];

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

const layerOf = (path: string): string => {
  const rel = relative(SRC, path);
  return rel.includes('/') ? (rel.split('/')[0] as string) : rel.replace(/\.ts$/, '');
};

/** Every relative import of `file`: its target (relative to src/) and whether it is type-only. */
function imports(file: string, text = readFileSync(file, 'utf8')): { target: string; typeOnly: boolean }[] {
  const found: { target: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?'(\.[^']+)'/gm)) {
    found.push({ target: relative(SRC, normalize(join(dirname(file), m[2] as string))), typeOnly: m[1] !== undefined });
  }
  for (const m of text.matchAll(/import\('(\.[^']+)'\)/g)) found.push({ target: relative(SRC, normalize(join(dirname(file), m[1] as string))), typeOnly: false });
  return found;
}

describe('the layers of src/', () => {
  const all = files(SRC);

  it('are each a known folder', () => {
    expect([...new Set(all.map(layerOf))].filter((l) => !LAYERS.includes(l))).toEqual([]);
  });

  /** Imports that go up a layer, as `file -> target` lines. */
  const upwardOf = (file: string, text?: string): string[] => {
    const from = LAYERS.indexOf(layerOf(file));
    return imports(file, text)
      .filter(({ target, typeOnly }) => LAYERS.indexOf(layerOf(join(SRC, target))) > from && !(typeOnly && VOCABULARY.includes(target)))
      .map(({ target, typeOnly }) => `${relative(SRC, file)} -> ${target}${typeOnly ? ' (type)' : ''}`);
  };

  it('are told apart by the detector: an upward import is caught, written on one line or several', () => {
    const file = join(SRC, 'check/example.ts');
    const text = "import { report } from '../report/text.ts';\nimport {\n  a,\n  b,\n} from '../cli/main.ts';\nimport type { Model } from '../model/types.ts';\nimport type { Doc } from '../trace/document.ts';\n";
    expect(upwardOf(file, text)).toEqual(['check/example.ts -> report/text.ts', 'check/example.ts -> cli/main.ts', 'check/example.ts -> trace/document.ts (type)']);
  });

  it('import only downward (type-only imports of the model vocabulary aside)', () => {
    expect(all.flatMap((f) => upwardOf(f))).toEqual([]);
  });

  it('find the imports there are (the detector reads them)', () => {
    expect(imports(join(SRC, 'check/verify.ts')).length).toBeGreaterThan(10);
    expect(all.reduce((n, f) => n + imports(f).length, 0)).toBeGreaterThan(300);
  });

  it('keep src/check free of src/report and src/cli, so that checks produce data and never text', () => {
    const bad = all
      .filter((f) => layerOf(f) === 'check')
      .flatMap((f) => imports(f).filter((i) => /^(report|cli|render)\//.test(i.target)).map((i) => `${relative(SRC, f)} -> ${i.target}`));
    expect(bad).toEqual([]);
  });
});
