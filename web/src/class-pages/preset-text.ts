import type { Experiment, ExperimentPreset } from '../../../server/src/class/protocol.ts'
import { fill } from '../i18n/index.ts'
import { formatDecimal, formatInterval, NO_FIGURE } from './figures.ts'
import type { ClassTexts } from './texts.ts'

/** What names a preset's run: the preset's own or an experiment's (same fields). */
export type PresetRun = Pick<ExperimentPreset, 'id' | 'settings' | 'network' | 'dropAtS'>

/** A preset's name and sentence with its own figures, as the server defines them. */
export function presetText(
  run: PresetRun,
  durationS: number,
  texts: ClassTexts,
  locale: string,
): { name: string; description: string } {
  const values = {
    poll: formatInterval(run.settings.pollIntervalMs, locale),
    rate: formatDecimal(run.settings.tickerRate, locale),
    size: formatDecimal(run.settings.tickerSize, locale),
    duration: formatDecimal(durationS, locale),
    delay: run.network ? formatDecimal(run.network.delayMs, locale) : NO_FIGURE,
    // The same in both languages; said only when the delay varies.
    jitter: run.network?.jitterMs ? ` (± ${formatDecimal(run.network.jitterMs, locale)} ms)` : '',
    dropAt: run.dropAtS === undefined ? NO_FIGURE : formatDecimal(run.dropAtS, locale),
  }
  const { name, description } = texts.presets[run.id]
  return { name: fill(name, values), description: fill(description, values) }
}

/** The name of an experiment's preset with the figures it ran with. */
export function experimentName(experiment: Experiment, texts: ClassTexts, locale: string): string {
  const durationS = Math.round((experiment.endsAt - experiment.startsAt) / 1000)
  return presetText({ ...experiment, id: experiment.preset }, durationS, texts, locale).name
}
