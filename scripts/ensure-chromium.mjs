// Runs before `npm test`: the browser tests drive Debian's headless Chromium through playwright-core, which
// downloads no browser of its own. When /usr/bin/chromium is missing and this machine's package manager may be
// used (root with apt-get), it is installed here, so that `npm install && npm test` passes on a fresh machine.
// Elsewhere it says what to do. CUTCHECK_NO_BROWSER=1 skips the browser tests instead, and says so.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';
const say = (s) => process.stderr.write(`ensure-chromium: ${s}\n`);

if (process.env.CUTCHECK_NO_BROWSER === '1') {
  say('CUTCHECK_NO_BROWSER=1: the browser tests will be skipped');
  process.exit(0);
}
if (existsSync(CHROMIUM)) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
if (!root || !apt) {
  say(`${CHROMIUM} is missing and cannot be installed from here (${root ? 'no apt-get' : 'not root'}).`);
  say("install Debian's chromium package (apt-get install chromium), or run with CUTCHECK_NO_BROWSER=1 to skip the browser tests");
  process.exit(1);
}
say("installing Debian's chromium for the browser tests (once per machine) ...");
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']]) {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (r.status !== 0) {
    say(`'apt-get ${args.join(' ')}' failed (exit ${r.status}); install chromium by hand, or set CUTCHECK_NO_BROWSER=1`);
    process.exit(1);
  }
}
// A package that dpkg thinks installed while its binary is gone needs --reinstall.
if (!existsSync(CHROMIUM)) spawnSync('apt-get', ['install', '-y', '-qq', '--reinstall', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
if (!existsSync(CHROMIUM)) {
  say(`apt-get finished but ${CHROMIUM} is still missing`);
  process.exit(1);
}
say('chromium installed');
