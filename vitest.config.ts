import { defineConfig } from 'vitest/config'

// The exercise folders hold starters that fail on purpose: the grader runs them, never this config.
// Three projects: the server's tests (modules kept between files), the other unit tests, and the
// browser tests (the web UI built once for them, and only when they run).
export default defineConfig({
  test: {
    // Most tests wait on sockets, timers and a browser, not on the CPU: four at a time even on
    // two cores (Vitest would otherwise run one file at a time there).
    maxWorkers: 4,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          // The server's tests each start their own server (and stop it): nothing they leave in a
          // module matters to the next file, so a worker keeps its modules from file to file
          // instead of importing the whole server again for each (a third of their CPU time).
          name: 'server',
          include: ['server/**/*.test.ts'],
          isolate: false,
          setupFiles: ['server/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'web/src/**/*.test.ts',
            'exercises/grader/**/*.test.ts',
            'exercises/*/solution/**/*.test.ts',
            'labs/**/*.test.ts',
            'slides/**/*.test.ts',
          ],
          exclude: [
            '**/node_modules/**',
            'labs/*/walk.test.ts',
            'exercises/[0-9]*/*.test.ts',
            'exercises/[0-9]*/mutants/**',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['web/e2e/**/*.test.ts', 'labs/*/walk.test.ts'],
          globalSetup: ['web/e2e/global-setup.ts'],
        },
      },
    ],
  },
})
