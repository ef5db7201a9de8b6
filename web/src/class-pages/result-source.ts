import type { ExperimentResult } from '../../../server/src/class/protocol.ts'
import { ApiError, getJson } from './class-api.ts'
import { experimentPhase } from './experiment-clock.ts'
import type { ResultState } from './result-view.ts'

/**
 * The latest experiment's result as the result view shows it, at `serverNow` (server ms): while
 * it runs, how long until its result; before the first, none; and why the server said no.
 */
export async function latestResult(serverNow: number): Promise<ResultState> {
  let result: ExperimentResult
  try {
    result = await getJson<ExperimentResult>('/api/class/experiments/latest')
  } catch (error) {
    return refusal(error)
  }
  const { experiment } = result
  const phase = experimentPhase(experiment, serverNow).phase
  if (phase === 'countdown' || phase === 'running') {
    return { kind: 'running', experiment, secondsLeft: secondsLeft(experiment.endsAt, serverNow) }
  }
  return { kind: 'result', result }
}

/** A running experiment's state again, a moment later (the countdown moves on). */
export function runningAt(state: ResultState, serverNow: number): ResultState {
  if (state.kind !== 'running') return state
  return { ...state, secondsLeft: secondsLeft(state.experiment.endsAt, serverNow) }
}

function secondsLeft(endsAt: number, serverNow: number): number {
  return Math.max(0, Math.ceil((endsAt - serverNow) / 1000))
}

function refusal(error: unknown): ResultState {
  if (!(error instanceof ApiError)) return { kind: 'failed', message: String(error) }
  if (error.status === 0) return { kind: 'offline' }
  if (error.status === 404) return { kind: 'none' }
  if (error.status === 401 || error.status === 403) return { kind: 'not-member' }
  return { kind: 'failed', message: error.message }
}
