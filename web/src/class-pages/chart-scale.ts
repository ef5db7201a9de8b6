/** A linear axis from 0: its top, and the values where it draws a line and a label. */
export interface ChartScale {
  max: number
  ticks: number[]
}

/**
 * The axis for values up to `largest`: steps of 1, 2 or 5 × 10ⁿ, about `targetTicks` of them, the
 * top the first step at or above the largest value (so the longest bar nearly fills the chart).
 */
export function chartScale(largest: number, targetTicks = 4): ChartScale {
  if (!Number.isFinite(largest) || largest < 0) {
    throw new Error(`largest must be a finite number ≥ 0, not ${largest}`)
  }
  if (largest === 0) return { max: 1, ticks: [0, 1] }
  const step = niceStep(largest / targetTicks)
  const max = Math.ceil(largest / step - 1e-9) * step
  const ticks: number[] = []
  for (let i = 0; i * step <= max + step / 2; i++) ticks.push(roundToStep(i * step, step))
  return { max: roundToStep(max, step), ticks }
}

/** A bar's length for `value` on a scale whose `max` is `length` long; never past the end. */
export function barLength(value: number, scale: ChartScale, length: number): number {
  return Math.min(length, Math.max(0, (value / scale.max) * length))
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough))
  const fraction = rough / power
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
  return nice * power
}

/** 0.1 × 3 is 0.30000000000000004 in floating point; a tick label must read 0.3. */
function roundToStep(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)))
  return Number(value.toFixed(decimals))
}
