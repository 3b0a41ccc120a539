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
  },
});
