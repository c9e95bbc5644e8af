// `npm run readme`: regenerates the README's command outputs and file copies from the real tool.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rewrite } from './readme-blocks.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const path = `${root}/README.md`;
writeFileSync(path, rewrite(root, readFileSync(path, 'utf8')));
console.log('README.md blocks regenerated');
