import { defineConfig } from 'vitest/config'

// The exercise folders hold starters that fail on purpose: the grader runs them, never this config.
export default defineConfig({
  test: {
    include: [
      'web/e2e/**/*.test.ts',
      'server/**/*.test.ts',
      'web/src/**/*.test.ts',
      'exercises/grader/**/*.test.ts',
      'exercises/*/solution/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'exercises/[0-9]*/*.test.ts', 'exercises/[0-9]*/mutants/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})
