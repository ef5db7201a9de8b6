import { describe, expect, it } from 'vitest'
import { chat, describeFeedContract } from '../../test/feed-contract.ts'
import { MemoryFeed, newEpoch } from './memory-feed.ts'

describeFeedContract('MemoryFeed', async (options) => new MemoryFeed(options))

describe('newEpoch', () => {
  it('is 8 letters or digits, never a "-" a command line would read as an option', () => {
    const epochs = Array.from({ length: 2000 }, newEpoch)
    for (const epoch of epochs) expect(epoch).toMatch(/^[A-Za-z0-9]{8}$/)
    expect(new Set(epochs).size).toBe(epochs.length)
  })
})

describe('MemoryFeed', () => {
  it('is a new log at each start: a new epoch, unless one is given', async () => {
    const given = new MemoryFeed({ retentionPerRoom: 10, epoch: 'e1' })
    expect((await given.read('lobby', { since: 0 }, 1)).epoch).toBe('e1')
    const a = new MemoryFeed({ retentionPerRoom: 10 })
    const b = new MemoryFeed({ retentionPerRoom: 10 })
    expect(a.epoch).not.toBe(b.epoch)
  })

  it('forgets a clientMsgId whose message left retention', async () => {
    const feed = new MemoryFeed({ retentionPerRoom: 1 })
    await feed.append('lobby', chat('oi', 'id-1'))
    await feed.append('lobby', chat('next'))
    const again = await feed.append('lobby', chat('oi', 'id-1'))
    expect(again.duplicate).toBe(false)
    expect(again.message.seq).toBe(3)
  })

  it('tells a subscriber synchronously, within the append', async () => {
    const feed = new MemoryFeed({ retentionPerRoom: 10 })
    const seen: number[] = []
    await feed.subscribe('lobby', (m) => seen.push(m.seq))
    const appended = feed.append('lobby', chat('a'))
    expect(seen).toEqual([1])
    await appended
  })
})
