import { describe, expect, it } from 'vitest'
import { barLength, chartScale } from './chart-scale.ts'

describe('chartScale', () => {
  it('steps by 1, 2 or 5 × 10ⁿ and tops at the first step above the largest value', () => {
    expect(chartScale(1020)).toEqual({ max: 1500, ticks: [0, 500, 1000, 1500] })
    expect(chartScale(37)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] })
    expect(chartScale(800)).toEqual({ max: 800, ticks: [0, 200, 400, 600, 800] })
  })

  it('labels small steps without floating-point noise', () => {
    expect(chartScale(0.7)).toEqual({ max: 0.8, ticks: [0, 0.2, 0.4, 0.6, 0.8] })
  })

  it('draws an axis even when every value is 0', () => {
    expect(chartScale(0)).toEqual({ max: 1, ticks: [0, 1] })
  })

  it('refuses a value no axis can hold', () => {
    expect(() => chartScale(Number.NaN)).toThrow('largest must be a finite number ≥ 0, not NaN')
  })
})

describe('barLength', () => {
  it('is proportional to the value and stays inside the chart', () => {
    const scale = chartScale(1020)
    expect(barLength(750, scale, 300)).toBe(150)
    expect(barLength(3000, scale, 300)).toBe(300)
    expect(barLength(-1, scale, 300)).toBe(0)
  })
})
