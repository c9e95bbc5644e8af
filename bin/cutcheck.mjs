#!/usr/bin/env node
// The cutcheck executable: runs the compiled CLI (dist/, built by `npm run build`, which `npm install` and
// `npm pack` run). A checkout that has not been built says how to build it rather than failing obscurely.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("cutcheck: this checkout has not been built; run 'npm run build' (or 'npm install') first\n");
  process.exit(2);
}
const { run } = await import(entry.href);
run(process.argv.slice(2));
