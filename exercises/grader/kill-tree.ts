import { type ChildProcess, spawnSync } from 'node:child_process'

/** Spawn options that make `killTree` able to reach the child's own children. */
export const ownProcessGroup = { detached: process.platform !== 'win32', windowsHide: true }

/**
 * Kills `child` and every process it started. Killing Vitest alone leaves its workers running
 * (a student's endless loop keeps spinning at 100% CPU), so we kill the whole group.
 */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    if (process.platform === 'win32') {
      spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' })
    } else {
      process.kill(-child.pid, 'SIGKILL')
    }
  } catch {
    // Already gone.
  }
}
