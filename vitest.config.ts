import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // A test file builds a whole application on a fresh database (migrations, the demo county);
    // on a loaded 2-core machine that can take longer than Vitest's 5 s / 10 s defaults. A slow
    // step is not a failure; a wrong answer is.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One worker per core, not Vitest's default of one fewer (a single worker on a 2-core
    // machine): the tests spend much of their time waiting on PostgreSQL, fsync and the child
    // processes of the multi-server tests, not on this process's CPU.
    maxWorkers: availableParallelism(),
    // The files of a worker share one process instead of each importing the application again
    // (that import was 130 s of the 340 s the SQLite run took). Safe because nothing a file
    // changes outlives it: each builds its own application on its own database (SQLite in
    // memory, or a PostgreSQL schema of its own), and the product's module state is per process
    // by design (one file already runs many applications in one process). Anything a test
    // stubs is put back after it, and a file that leaves a connection, server or child process
    // open fails (test/support/nothing-left-open.ts), so a later file cannot inherit either.
    isolate: false,
    setupFiles: ['test/support/nothing-left-open.ts'],
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
  },
});
