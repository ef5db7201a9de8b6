import { killAllTargets } from './load/target-process.ts'

/** A bad flag: its message names it. */
export class OptionsError extends Error {
  override name = 'OptionsError'
}

/**
 * A bench's command line read by `parse`: a bad flag is said and exits 2, `--help` (undefined)
 * prints `help` and exits 0.
 */
export function optionsOrExit<T>(parse: (argv: string[]) => T | undefined, help: string): T {
  let options: T | undefined
  try {
    options = parse(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error
    console.error(error.message)
    process.exit(2)
  }
  if (options === undefined) {
    console.log(help)
    process.exit(0)
  }
  return options
}

/** No server may outlive the bench: killed by process group on every way out. */
export function killTargetsOnExit(): void {
  process.on('exit', killAllTargets)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAllTargets()
      process.exit(130)
    })
  }
}
