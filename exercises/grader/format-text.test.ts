import { describe, expect, it } from 'vitest'
import {
  changedLines,
  chooseStyle,
  formatExercise,
  formatSummary,
  formatTest,
  noColour,
} from './format-text.ts'
import type { GradedExercise, GradedTest } from './score.ts'

const passed: GradedTest = {
  name: 'decodeFrame > parses a masked text message longer than 125 B',
  status: 'passed',
  score: 2,
  maxScore: 2,
  durationMs: 3.4,
  reason: '',
  output: '',
}
const notRun = (name: string): GradedTest => ({
  name,
  status: 'not run',
  score: 0,
  maxScore: 1,
  durationMs: undefined,
  reason: 'did not run: Cannot find module',
  output: '',
})
const exercise: GradedExercise = {
  label: '02-frames',
  exerciseName: '02-frames',
  score: 2,
  maxScore: 4,
  tests: [passed, notRun('encodeFrame > a'), notRun('encodeFrame > b')],
  problems: [],
  typeErrors: undefined,
  typePenalty: 0,
}

describe('chooseStyle', () => {
  it('colours a terminal', () => {
    expect(chooseStyle(true, {}).pass('PASS')).toBe('\u001b[32mPASS\u001b[39m')
  })

  it('never colours when NO_COLOR is set, or when the output is not a terminal', () => {
    expect(chooseStyle(true, { NO_COLOR: '1' }).pass('PASS')).toBe('PASS')
    expect(chooseStyle(false, {}).pass('PASS')).toBe('PASS')
    expect(chooseStyle(true, { NO_COLOR: '' }).pass('PASS')).not.toBe('PASS')
  })
})

describe('formatExercise', () => {
  it('prints MIT-style lines, the reason once for tests that did not run, and the points', () => {
    expect(formatExercise(exercise, noColour).split('\n')).toEqual([
      '02-frames',
      '  PASS  decodeFrame > parses a masked text message longer than 125 B  (3 ms)  2/2',
      '  FAIL  encodeFrame > a  (not run)  0/1',
      '        did not run: Cannot find module',
      '  FAIL  encodeFrame > b  (not run)  0/1',
      '02-frames  2/4',
      '',
    ])
  })
})

describe('formatSummary', () => {
  it('lists every exercise and the total when there are several', () => {
    const other = { ...exercise, label: '10-fanout', score: 0.5, maxScore: 3 }
    expect(formatSummary([exercise, other], noColour).split('\n')).toEqual([
      '02-frames  2/4',
      '10-fanout  0.5/3',
      'Total      2.5/7',
    ])
  })
})

describe('formatTest', () => {
  it('shows under a clipped reason the lines of the diff that differ', () => {
    const long = `expected [ { type: 'chat', text: '${'x'.repeat(300)}', seq: 2 } ] to deeply equal …`
    const output = [
      long,
      '- Expected',
      '+ Received',
      '',
      '  [',
      '    {',
      '-     "seq": 1,',
      '+     "seq": 2,',
      '    },',
      '  ]',
    ].join('\n')
    const failed: GradedTest = { ...passed, status: 'failed', score: 0, reason: long, output }
    const lines = formatTest(failed, noColour)
    expect(lines[1]).toHaveLength(8 + 200 + 1)
    expect(lines.slice(2)).toEqual(['          -     "seq": 1,', '          +     "seq": 2,'])
    expect(changedLines('expected 1 to be 2')).toEqual([])
  })
})
