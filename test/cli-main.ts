// The command line the tests run as a child process: the compiled CLI in dist/, as the installed package runs it.
// test/global-setup.ts builds dist/ first whenever a source file is newer, so the tests never run a stale build.
// (Running the sources through tsx costs about a second of start-up per process; the suite starts hundreds.)
import { join } from 'node:path';

export const REPO_ROOT = new URL('..', import.meta.url).pathname;
export const CLI_MAIN = join(REPO_ROOT, 'dist/cli/main.js');
