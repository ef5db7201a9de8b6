import { describe, expect, it } from 'vitest'
import { classroomWorkflow, stepId } from './classroom-workflow.ts'

const workflow = classroomWorkflow([
  { name: '01-accept-key', maxScore: 16 },
  { name: '02-frames', maxScore: 23 },
])

describe('classroomWorkflow', () => {
  it('has one command-grader step per exercise, strict, worth its points', () => {
    expect(workflow).toContain(
      [
        '      - name: 02-frames',
        '        id: exercise-02-frames',
        '        uses: classroom-resources/autograding-command-grader@v1',
        '        with:',
        '          test-name: 02-frames',
        '          command: npm run grade -- 02-frames --strict',
        '          timeout: 5',
        '          max-score: 23',
      ].join('\n'),
    )
    expect(workflow.match(/autograding-command-grader@v1/g)).toHaveLength(2)
  })

  it('wires every step result into the reporter as <ID>_RESULTS and lists the runners', () => {
    expect(workflow).toContain('uses: classroom-resources/autograding-grading-reporter@v1')
    expect(workflow).toContain(
      `EXERCISE-01-ACCEPT-KEY_RESULTS: "\${{steps.exercise-01-accept-key.outputs.result}}"`,
    )
    expect(workflow).toContain(
      `EXERCISE-02-FRAMES_RESULTS: "\${{steps.exercise-02-frames.outputs.result}}"`,
    )
    expect(workflow).toContain('runners: exercise-01-accept-key,exercise-02-frames')
  })

  it('installs the dependencies with Node 20 before grading', () => {
    const install = workflow.indexOf('run: npm install')
    expect(workflow.indexOf("node-version: '20'")).toBeLessThan(install)
    expect(install).toBeLessThan(workflow.indexOf('autograding-command-grader'))
  })

  it('makes step ids that start with a letter, as GitHub requires', () => {
    expect(stepId('02-frames')).toMatch(/^[a-z][a-z0-9-]*$/)
  })

  it('rejects a name that would break the YAML', () => {
    expect(() => classroomWorkflow([{ name: '02-frames: x', maxScore: 1 }])).toThrow(
      'exercise name "02-frames: x" must look like NN-name',
    )
  })
})
