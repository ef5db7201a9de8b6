import { CLASS_TEXTS } from '../class-pages/texts.ts'
import { i18n } from '../i18n/current.ts'
import { fill } from '../i18n/index.ts'
import type { Experiment } from './class-contract.ts'

/**
 * An experiment's preset as the page names it, in the page's language, with its own delay: the
 * dashboard's names (class-pages/texts.ts), so a class reads one name on both.
 */
export function presetName(experiment: Pick<Experiment, 'preset' | 'network'>): string {
  return fill(CLASS_TEXTS[i18n.language].presets[experiment.preset].name, {
    delay: experiment.network?.delayMs ?? 0,
  })
}
