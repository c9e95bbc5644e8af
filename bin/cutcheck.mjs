#!/usr/bin/env node
// The cutcheck executable: registers tsx so the TypeScript sources (and .ts model files) load directly.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
