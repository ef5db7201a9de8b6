import { defineConfig } from 'vitest/config'

// Runs the exercise tests (the grader passes --dir). Never part of the project's own `npm test`.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/solution/**', '**/mutants/**', 'exercises/grader/**'],
    testTimeout: 10_000,
    // A student must see the whole value their code gave, not `[ 'no error', …(1) ]`.
    chaiConfig: { truncateThreshold: 0 },
  },
})
