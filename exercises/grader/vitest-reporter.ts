import type { Reporter, SerializedError, TestCase, TestModule } from 'vitest/node'
import type { ReportedError, RunEvent } from './run-events.ts'

// Loaded by the Vitest child process (`--reporter <this file>`); sends one message per finished
// test and per finished file to the grader, which spawned the child with an IPC channel.

const unsent = new Set<Promise<void>>()

// Vitest exits right after the run: wait for IPC messages to leave before letting it.
function send(event: RunEvent): void {
  const sending = new Promise<void>((resolve) => {
    if (process.send) process.send(event, undefined, {}, () => resolve())
    else resolve()
  })
  unsent.add(sending)
  void sending.then(() => unsent.delete(sending))
}

function toReported(error: SerializedError): ReportedError {
  const text = typeof error.message === 'string' ? error.message : String(error)
  // `TypeError: x is not a function` tells a student more than the bare message does.
  const message =
    error.name && error.name !== 'Error' && error.name !== 'AssertionError'
      ? `${error.name}: ${text}`
      : text
  const reported: ReportedError = { message }
  if (typeof error.diff === 'string') reported.diff = error.diff
  // Vitest tags an unhandled error with the test file that was running when it escaped.
  if (typeof error.VITEST_TEST_PATH === 'string') reported.file = error.VITEST_TEST_PATH
  return reported
}

function errorsOutsideTests(testModule: TestModule): ReportedError[] {
  const errors = testModule.errors().map(toReported)
  for (const suite of testModule.children.allSuites()) {
    for (const error of suite.errors()) {
      const reported = toReported(error)
      errors.push({ ...reported, message: `${suite.fullName}: ${reported.message}` })
    }
  }
  return errors
}

export default class GraderReporter implements Reporter {
  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result()
    send({
      type: 'test',
      file: testCase.module.moduleId,
      fullName: testCase.fullName,
      state: result.state,
      durationMs: testCase.diagnostic()?.duration ?? 0,
      errors: (result.errors ?? []).map(toReported),
    })
  }

  onTestModuleEnd(testModule: TestModule): void {
    send({
      type: 'module',
      file: testModule.moduleId,
      state: testModule.state(),
      errors: errorsOutsideTests(testModule),
    })
  }

  async onTestRunEnd(
    _modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): Promise<void> {
    send({ type: 'end', unhandledErrors: unhandledErrors.map(toReported) })
    await Promise.all(unsent)
  }
}
