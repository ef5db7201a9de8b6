import { describe, expect, it } from 'vitest'
import { ApiError } from '../http/errors.ts'
import { planRead } from './cursor.ts'

const log = { epoch: 'e1', head: 20, firstRetained: 11 }

describe('planRead (the cursor rules)', () => {
  it('reads after since in the same epoch', () => {
    expect(planRead({ since: 15, epoch: 'e1' }, log)).toEqual({ after: 15 })
  })

  it('trusts since without an epoch (a first connection)', () => {
    expect(planRead({ since: 25 }, log)).toEqual({ after: 25 })
  })

  it('restarts from the retained start with reset (and gap) on another epoch', () => {
    expect(planRead({ since: 3, epoch: 'e0' }, log)).toEqual({ after: 10, reset: true, gap: true })
    const whole = { epoch: 'e1', head: 4, firstRetained: 1 }
    expect(planRead({ since: 9, epoch: 'e0' }, whole)).toEqual({ after: 0, reset: true })
  })

  it('says gap when the cursor is older than retention', () => {
    expect(planRead({ since: 9, epoch: 'e1' }, log)).toEqual({ after: 10, gap: true })
    expect(planRead({ since: 10, epoch: 'e1' }, log)).toEqual({ after: 10 })
  })

  it('refuses a since ahead of the head in the same epoch', () => {
    expect(() => planRead({ since: 21, epoch: 'e1' }, log)).toThrow(ApiError)
    expect(() => planRead({ since: 21, epoch: 'e1' }, log)).toThrow('since=21')
  })
})
