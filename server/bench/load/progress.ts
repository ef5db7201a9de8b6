import cliProgress from 'cli-progress'
import type { StepResult } from './step.ts'

const oneLine = (result: StepResult) =>
  `${result.mode} ${result.label} N=${result.clients}: ` +
  (result.connectError && result.connected === 0
    ? result.connectError
    : `${Math.round(result.deliveredPerSecond)} msg/s, p95 ${result.p95Ms} ms, lost ${result.lost}, late ${result.late}`)

/** A bar on stderr in a terminal; elsewhere (CI, a pipe, a test) one line per finished step. */
export class Progress {
  readonly #bar: cliProgress.SingleBar | undefined
  #done = 0

  constructor(total: number) {
    if (process.stderr.isTTY) {
      this.#bar = new cliProgress.SingleBar(
        {
          format: 'bench:load {bar} {value}/{total} steps | {elapsed}s | {step}',
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
      this.#bar.start(total, 0, { step: 'starting the servers' })
    }
  }

  starting(description: string): void {
    this.#bar?.update(this.#done, { step: description })
  }

  finished(result: StepResult): void {
    this.#done++
    if (this.#bar) this.#bar.update(this.#done, { step: oneLine(result) })
    else process.stderr.write(`bench:load ${oneLine(result)}\n`)
  }

  /** Steps that will not run (capacity stopped early, time limit). */
  skip(count: number): void {
    this.#done += count
    this.#bar?.setTotal(Math.max(this.#done, this.#bar.getTotal() - count))
  }

  stop(): void {
    this.#bar?.stop()
  }
}
