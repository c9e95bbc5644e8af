// Setup for mutation testing: the engine's default thread count is read from availableParallelism(), and a
// worker thread would run the sources without Stryker's active mutant. One thread keeps every search in the
// process that has the mutant.
import { vi } from 'vitest';

vi.mock('node:os', async (original) => ({ ...(await original<typeof import('node:os')>()), availableParallelism: () => 1 }));
