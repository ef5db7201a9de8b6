import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { runnerId } from './classroom-results.ts'
import { classroomWorkflow } from './classroom-workflow.ts'

interface Step {
  name: string
  id?: string
  if?: string
  uses?: string
  run?: string
  env?: Record<string, string>
  with?: Record<string, string>
}

const workflow = classroomWorkflow([
  { name: '01-accept-key', maxScore: 16 },
  { name: '02-frames', maxScore: 23 },
])
const steps: Step[] = parse(workflow).jobs['run-autograding-tests'].steps

describe('classroomWorkflow', () => {
  it('is YAML that GitHub runs on push, with the permissions the reporter needs', () => {
    const parsed = parse(workflow)
    expect(parsed.on).toEqual(['push', 'repository_dispatch'])
    expect(parsed.permissions).toEqual({ checks: 'write', actions: 'read', contents: 'read' })
  })

  it('installs the locked dependencies with Node 20, then grades every exercise in one step', () => {
    expect(steps.map((step) => step.name)).toEqual([
      'Checkout code',
      'Set up Node.js',
      'Install dependencies',
      'Grade the exercises',
      'Autograding Reporter',
    ])
    expect(steps[1]?.with?.['node-version']).toBe('20')
    expect(steps[2]?.run).toBe('npm ci --no-audit --no-fund')
    expect(steps[3]).toMatchObject({ id: 'grade', run: 'npm run grade -- --classroom' })
  })

  it('hands each exercise’s result to the reporter as <RUNNER>_RESULTS, even after a failure', () => {
    const reporter = steps[4]
    expect(reporter?.uses).toBe('classroom-resources/autograding-grading-reporter@v1')
    expect(reporter?.if).toBe('always()')
    expect(reporter?.with?.runners).toBe('ex01acceptkey,ex02frames')
    expect(reporter?.env).toEqual({
      EX01ACCEPTKEY_RESULTS: `\${{ steps.grade.outputs.ex01acceptkey }}`,
      EX02FRAMES_RESULTS: `\${{ steps.grade.outputs.ex02frames }}`,
    })
  })

  it('names runners with letters and digits only, as the reporter requires', () => {
    expect(runnerId('02-frames')).toBe('ex02frames')
    expect(runnerId('10-fan-out-2')).toMatch(/^[a-z][a-z0-9]*$/)
  })

  it('rejects a name that would break the YAML', () => {
    expect(() => classroomWorkflow([{ name: '02-frames: x', maxScore: 1 }])).toThrow(
      'exercise name "02-frames: x" must look like NN-name',
    )
  })
})
