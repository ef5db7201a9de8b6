import { defineConfig } from 'vitest/config'

// The exercise folders hold starters that fail on purpose: the grader runs them, never this config.
// Two projects, so that the web UI is built once for the browser tests, and only when they run.
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
          name: 'unit',
          include: [
            'server/**/*.test.ts',
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
