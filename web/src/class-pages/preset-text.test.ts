import { describe, expect, it } from 'vitest'
import { DEFAULT_CLASS_SETTINGS } from '../../../server/src/class/protocol.ts'
import { presetText } from './preset-text.ts'
import { CLASS_TEXTS } from './texts.ts'

const settings = { ...DEFAULT_CLASS_SETTINGS, tickerRate: 5, pollIntervalMs: 1000 }

describe('presetText', () => {
  it('says the race with the preset’s own figures, in each language', () => {
    const race = { id: 'race', settings } as const
    expect(presetText(race, 60, CLASS_TEXTS.en, 'en').description).toBe(
      'Short polling every 1 s vs long polling vs SSE vs WebSocket, at 5 msg/s for 60 s.',
    )
    expect(presetText(race, 60, CLASS_TEXTS['pt-BR'], 'pt-BR').description).toBe(
      'Short polling a cada 1 s contra long polling, SSE e WebSocket, a 5 msg/s durante 60 s.',
    )
  })

  it('names a delay preset by its delay, and says the jitter only when there is one', () => {
    const delay = { id: 'delay-150', settings, network: { delayMs: 150, jitterMs: 20 } } as const
    const text = presetText(delay, 60, CLASS_TEXTS['pt-BR'], 'pt-BR')
    expect(text.name).toBe('Atraso de 150 ms')
    expect(text.description).toContain('esperam 150 ms (± 20 ms) em cada sentido')
    const steady = { ...delay, network: { delayMs: 150, jitterMs: 0 } }
    expect(presetText(steady, 60, CLASS_TEXTS.en, 'en').description).toContain(
      'wait 150 ms each way',
    )
  })

  it('shows a dash for a figure the preset lacks, never a number of its own', () => {
    const drop = { id: 'drop-once', settings } as const
    expect(presetText(drop, 60, CLASS_TEXTS.en, 'en').description).toContain('cut — s in')
  })
})
