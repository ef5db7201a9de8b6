import { z } from 'zod'

// What the reporter inside the Vitest child process sends to the grader over IPC. The grader parses
// every message with these schemas: the child runs student code and its messages are untrusted.

export const reportedError = z.object({
  message: z.string(),
  diff: z.string().optional(),
  /** For an error that escaped the tests: the test file that was running. */
  file: z.string().optional(),
})
export type ReportedError = z.infer<typeof reportedError>

export const testFinished = z.object({
  type: z.literal('test'),
  file: z.string(),
  fullName: z.string(),
  state: z.enum(['passed', 'failed', 'skipped', 'pending']),
  durationMs: z.number(),
  errors: z.array(reportedError),
})
export type TestFinished = z.infer<typeof testFinished>

export const moduleFinished = z.object({
  type: z.literal('module'),
  file: z.string(),
  state: z.string(),
  /** Errors outside any test: the file failed to import, a `beforeAll` threw, … */
  errors: z.array(reportedError),
})
export type ModuleFinished = z.infer<typeof moduleFinished>

export const runFinished = z.object({
  type: z.literal('end'),
  unhandledErrors: z.array(reportedError),
})
export type RunFinished = z.infer<typeof runFinished>

export const runEvent = z.discriminatedUnion('type', [testFinished, moduleFinished, runFinished])
export type RunEvent = z.infer<typeof runEvent>
