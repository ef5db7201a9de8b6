import { describe, expect, it } from 'vitest'
import { Progress } from './progress.ts'
import type { TestFinished } from './run-events.ts'

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = []
  const stream = {
    isTTY,
    write: (text: string) => {
      written.push(text)
      return true
    },
  } as unknown as NodeJS.WriteStream
  return { stream, written }
}

const finished = (state: TestFinished['state']): TestFinished => ({
  type: 'test',
  file: '/x/a.test.ts',
  fullName: 'a',
  state,
  durationMs: 1,
  errors: [],
})

describe('Progress', () => {
  it('redraws one status line on a terminal and prints blocks above it', () => {
    const { stream, written } = fakeStream(true)
    const progress = new Progress(stream, 'Grading 02-frames')
    progress.start()
    progress.onEvent(finished('passed'))
    progress.onEvent(finished('failed'))
    progress.print('02-frames  1/2')
    expect(written).toEqual([
      '\r\u001b[2KGrading 02-frames… 0 tests done',
      '\r\u001b[2KGrading 02-frames… 1 test done',
      '\r\u001b[2KGrading 02-frames… 2 tests done, 1 failing',
      '\r\u001b[2K',
      '02-frames  1/2\n',
      '\r\u001b[2KGrading 02-frames… 2 tests done, 1 failing',
    ])
  })

  it('writes plain lines only, without control characters, to a log', () => {
    const { stream, written } = fakeStream(false)
    const progress = new Progress(stream, 'Grading 10 exercises')
    progress.start()
    progress.onEvent(finished('passed'))
    progress.print('02-frames  1/2')
    progress.clear()
    expect(written).toEqual(['Grading 10 exercises…\n', '02-frames  1/2\n'])
  })
})
