// Imports a user's model file, wherever it lives: `.js`/`.mjs`/`.cjs` with Node itself, `.ts`/`.mts`/`.cts`
// through tsx (which cutcheck uses only for model files, never for its own code). A model imports the API as
// `'cutcheck'`: from the user's own installation when their project has one, and otherwise, or when the model
// is one of cutcheck's own, from the cutcheck that is running.

import { spawnSync } from 'node:child_process';
import Module, { register } from 'node:module';
import { dirname, relative, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeThrown, oneLine } from '../errors.ts';

export const MODEL_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;
const TS = /\.[cm]?ts$/;

/** This cutcheck's public entry (`src/index.ts` from sources, `dist/index.js` when compiled) and its package root. */
const SELF_URL = new URL(`../index${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const inPackage = (file: string): boolean => resolvePath(file).startsWith(PACKAGE_ROOT);

/**
 * ESM resolution (loaded as a data: URL, since hooks run on their own thread): `'cutcheck'` goes to the running
 * cutcheck from inside its own package, or when the importer's project does not have it.
 */
const ESM_HOOKS = `
let self, root;
export async function initialize(data) { self = data.self; root = data.root; }
export async function resolve(specifier, context, next) {
  if (specifier !== 'cutcheck') return next(specifier, context);
  if (context.parentURL !== undefined && context.parentURL.startsWith(root)) return { url: self, shortCircuit: true };
  try { return await next(specifier, context); }
  catch (e) { if (e && e.code === 'ERR_MODULE_NOT_FOUND') return { url: self, shortCircuit: true }; throw e; }
}`;

type ResolveFilename = (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string;

let hooked = false;

/** Installs the `'cutcheck'` resolution for ESM imports and for CommonJS `require` (tsx compiles `.ts` files in a CommonJS package to `require`). */
function hookSelfResolution(): void {
  if (hooked) return;
  hooked = true;
  register(`data:text/javascript,${encodeURIComponent(ESM_HOOKS)}`, {
    data: { self: SELF_URL, root: pathToFileURL(PACKAGE_ROOT).href },
  });
  const cjs = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = cjs._resolveFilename;
  const selfPath = fileURLToPath(SELF_URL);
  cjs._resolveFilename = function (request, parent, ...rest) {
    if (request !== 'cutcheck') return original.call(this, request, parent, ...rest);
    if (typeof parent?.filename === 'string' && inPackage(parent.filename)) return selfPath;
    try {
      return original.call(this, request, parent, ...rest);
    } catch (e) {
      if ((e as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND') return selfPath;
      throw e;
    }
  };
}

/** A module's namespace. A CommonJS module compiled from ES syntax arrives wrapped in `default`; unwrap it. */
function namespaceOf(mod: Record<string, unknown>): Record<string, unknown> {
  const inner = mod['default'];
  try {
    if (typeof inner === 'object' && inner !== null && (inner as { __esModule?: unknown }).__esModule === true)
      return inner as Record<string, unknown>;
  } catch {
    // A default export that throws when looked at (a hostile Proxy): the loader reports it when it reads it.
  }
  return mod;
}

/** Imports the model file at absolute path `file`; throws what the file throws. */
export async function importModel(file: string): Promise<Record<string, unknown>> {
  hookSelfResolution();
  const url = pathToFileURL(file).href;
  // From sources, cutcheck itself is TypeScript: even a .js model then reaches it through tsx.
  if (TS.test(file) || SELF_URL.endsWith('.ts')) {
    const { tsImport } = await import('tsx/esm/api');
    return namespaceOf((await tsImport(url, import.meta.url)) as Record<string, unknown>);
  }
  return namespaceOf((await import(url)) as Record<string, unknown>);
}

const shown = (file: string, cwd: string): string => {
  const r = relative(cwd, file);
  return r !== '' && !r.startsWith(`..${sep}`) && r !== '..' ? r : file;
};

/**
 * Why importing `file` failed, in one line. Syntax errors name the file, line and column with the compiler's
 * message: tsx reports them in the text after "Transform failed"; Node does not locate them in ES modules, so
 * `node --check` is asked where they are.
 */
export function describeLoadFailure(e: unknown, file: string, cwd = process.cwd()): string {
  let text = '';
  try {
    text = e instanceof Error && typeof e.message === 'string' ? e.message : '';
  } catch {
    text = '';
  }
  const transform = /^(.+?):(\d+):(\d+): ERROR: (.+)$/m.exec(text);
  if (transform !== null) {
    const [, where = file, line, col, msg = ''] = transform;
    return `syntax error in ${shown(where, cwd)} at line ${line}, column ${col}: ${oneLine(msg, 200)}`;
  }
  if (e instanceof SyntaxError && !TS.test(file)) {
    const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 });
    const at = /^(?:file:\/\/)?(.+?):(\d+)\s*$/m.exec(check.stderr ?? '');
    if (at !== null) return `syntax error in ${shown(at[1] ?? file, cwd)} at line ${at[2]}: ${describeThrown(e)}`;
  }
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    const missing = /(?:package|module) '([^']+)'/.exec(text)?.[1];
    if (missing !== undefined)
      return `it imports '${oneLine(missing, 80)}', which cannot be found from ${shown(dirname(file), cwd) || '.'}`;
  }
  return `it threw: ${describeThrown(e)}`;
}
