import type { ChildProcess } from 'node:child_process'

/** Ends a child this process started, by its PID, and resolves once it has exited. */
export async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill(signal)
  await exited
}
