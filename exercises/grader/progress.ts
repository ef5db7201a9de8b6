import { MESSAGES, type Messages } from './messages.ts'
import type { RunEvent } from './run-events.ts'

/**
 * A status line (`… 12 tests done`) redrawn in place on a terminal; elsewhere (CI logs) one
 * line at the start only, since every finished exercise prints its own block anyway.
 */
export class Progress {
  #testsDone = 0
  #failed = 0
  #shown = false
  readonly #out: NodeJS.WriteStream
  readonly #label: string
  readonly #t: Messages

  constructor(out: NodeJS.WriteStream, label: string, t: Messages = MESSAGES.en) {
    this.#out = out
    this.#label = label
    this.#t = t
  }

  start(): void {
    if (this.#out.isTTY) this.#draw()
    else this.#out.write(`${this.#label}…\n`)
  }

  onEvent(event: RunEvent): void {
    if (event.type !== 'test') return
    this.#testsDone += 1
    if (event.state !== 'passed') this.#failed += 1
    if (this.#out.isTTY) this.#draw()
  }

  /** Prints `text` above the status line. */
  print(text: string): void {
    this.clear()
    this.#out.write(`${text}\n`)
    if (this.#out.isTTY) this.#draw()
  }

  clear(): void {
    if (this.#shown) this.#out.write('\r\u001b[2K')
    this.#shown = false
  }

  #draw(): void {
    this.#out.write(
      `\r\u001b[2K${this.#label}… ${this.#t.testsDone(this.#testsDone, this.#failed)}`,
    )
    this.#shown = true
  }
}
