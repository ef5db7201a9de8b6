import { describe, expect, it, vi } from 'vitest'
import { Shutdown } from './shutdown.ts'

describe('Shutdown', () => {
  it('calls each listener once, on abort, and not a removed one nor one added after', () => {
    const shutdown = new Shutdown()
    const calls: string[] = []
    const kept = () => calls.push('kept')
    const removed = () => calls.push('removed')
    shutdown.addEventListener('abort', kept)
    shutdown.addEventListener('abort', kept)
    shutdown.addEventListener('abort', removed)
    shutdown.removeEventListener('abort', removed)
    expect(shutdown.aborted).toBe(false)
    shutdown.abort()
    shutdown.abort()
    shutdown.addEventListener('abort', () => calls.push('late'))
    expect(shutdown.aborted).toBe(true)
    expect(calls).toEqual(['kept'])
  })

  it('calls every listener even when one throws', () => {
    const shutdown = new Shutdown()
    const calls: string[] = []
    shutdown.addEventListener('abort', () => {
      throw new Error('a broken listener')
    })
    shutdown.addEventListener('abort', () => calls.push('second'))
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {})
    shutdown.abort()
    expect(reported).toHaveBeenCalledTimes(1)
    reported.mockRestore()
    expect(calls).toEqual(['second'])
  })
})
