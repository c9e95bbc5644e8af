import { chromium } from 'playwright-core';
const [,, file, out, w, h] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage({ viewport: { width: Number(w ?? 1300), height: Number(h ?? 900) } });
await p.goto('file://' + file);
await p.screenshot({ path: out, fullPage: true });
await b.close();
