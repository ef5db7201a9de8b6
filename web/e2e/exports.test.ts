import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SERVER_INFO } from '../../server/src/version.ts'
import type { Har } from '../src/lib/har.ts'
import {
  openLab,
  panel,
  postMessages,
  sendFromComposer,
  TRANSPORTS,
  useLab,
  waitForOpen,
  waitForReceived,
  waitForSeqs,
} from './lab-page.ts'

const lab = useLab()

async function download(page: Page, kind: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`button[data-export="${kind}"]`).click(),
  ])
  return readFileSync((await file.path()) as string, 'utf8')
}

describe('exports that hold what they claim', () => {
  it('HAR: full WebSocket payloads, SSE content sizes, and a comment on whatever the log let go', async () => {
    const { page } = await openLab(lab.browser, lab.server.url, 'e2e-har')
    await waitForOpen(page)
    await postMessages(
      lab.server.url,
      'e2e-har',
      Array.from({ length: 320 }, (_, i) => `m${i}`),
    )
    for (const transport of TRANSPORTS) await waitForReceived(page, transport, 320)
    // Last, so that its frame is still in the log: a payload far longer than a 120-character preview.
    await sendFromComposer(page, { user: 'bia', text: `a long one: ${'x'.repeat(300)}` })
    for (const transport of TRANSPORTS) await waitForReceived(page, transport, 321)
    const har = JSON.parse(await download(page, 'har')) as Har
    // 321 messages over WebSocket are more frames than the log keeps: the file says what it lacks.
    expect(har.log.comment).toMatch(/ws: 300 of the \d+ events recorded are here/)
    const ws = har.log.entries.filter((entry) => entry._transport === 'ws')
    const texts = ws.flatMap((entry) =>
      (entry._webSocketMessages ?? []).filter((m) => m.opcode === 1 && !m._truncated),
    )
    expect(texts.length).toBeGreaterThan(100)
    for (const message of texts) expect(() => JSON.parse(message.data)).not.toThrow()
    expect(texts.some((m) => m.data.includes('x'.repeat(300)))).toBe(true)
    const sse = har.log.entries.find((entry) => entry._transport === 'sse')
    expect(sse?.response.content.size).toBeGreaterThan(1000)
    expect(sse?.comment).toMatch(/content.size counts/)
    await page.close()
  }, 90_000)

  it('Everything (JSON): room, settings, environment with the server version, messages and samples', async () => {
    const { page, client } = await openLab(lab.browser, lab.server.url, 'e2e-json')
    await waitForOpen(page)
    await postMessages(lab.server.url, 'e2e-json', ['one', 'two'])
    for (const transport of TRANSPORTS) await waitForSeqs(page, transport, 2)
    await expect
      .poll(() => panel(page, 'poll').locator('[data-part="p50"]').textContent())
      .toMatch(/\d/)
    const data = JSON.parse(await download(page, 'json'))
    expect(data).toMatchObject({
      format: 'wirelab-lab-export/1',
      client,
      room: 'e2e-json',
      environment: { server: { name: 'wirelab', version: SERVER_INFO.version } },
      settings: { page: { pollIntervalMs: 1000 }, roomTicker: { rate: 0 } },
      omitted: [],
    })
    expect(data.environment.userAgent).toMatch(/Chrome/)
    expect(data.messages.map((m: { text: string }) => m.text)).toEqual(['one', 'two'])
    expect(data.messages[0].arrivals).toHaveLength(4)
    expect(data.samples['one-way'].ws).toHaveLength(2)
    expect(data.wire.transports.ws.messages).toBe(2)
    const csv = await download(page, 'samples-csv')
    expect(csv.split('\r\n')[0]).toBe('transport,kind,seq,arrivedAtMs,latencyMs,atMost')
    await page.close()
  }, 60_000)
})
