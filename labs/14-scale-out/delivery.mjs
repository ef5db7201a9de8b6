#!/usr/bin/env node
// @ts-check
/**
 * delivery.mjs — how long a message takes from its POST to a WebSocket in the same room, on one
 * clock: this program holds the WebSocket, posts one message at a time, and times each from the
 * moment it sends the POST to the moment the message's frame arrives. Against a cluster it also
 * says which instance held the WebSocket and which served each POST (`X-Wirelab-Instance`).
 *
 *   node labs/14-scale-out/delivery.mjs URL [--messages N] [--room ROOM]
 *
 * One message every 100 ms (10 a second: under the server's send limit per page). Its notes are in
 * Portuguese on a Portuguese system, or with WIRELAB_LANG=pt-BR (en for English).
 */
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { textsFor } from '../tools/language.mjs'

const TEXTS = {
  en: {
    usage: 'Usage: node labs/14-scale-out/delivery.mjs URL [--messages N] [--room ROOM]\n',
    held: (instance, url) => `WebSocket held by instance ${instance} (${url})`,
    heldAlone: (url) => `WebSocket held by the only server: no instance name (${url})`,
    posted: (n) => `${n} messages, one every 100 ms`,
    served: (counts) => `  POSTs served by ${counts}`,
    delivered: (stats) => `POST sent → message on the WebSocket: ${stats}`,
    answered: (stats) => `POST sent → its 201 answer: ${stats}`,
    split: (same, other) =>
      `  through the instance holding the WebSocket: ${same}; through another: ${other}`,
    none: 'none',
    missing: (n) => `messages that never reached the WebSocket within 5 s: ${n}`,
    closed: (code) =>
      `the WebSocket closed (code ${code}) before the last message: its instance stopped?`,
  },
  'pt-BR': {
    usage: 'Uso: node labs/14-scale-out/delivery.mjs URL [--messages N] [--room SALA]\n',
    held: (instance, url) => `WebSocket mantido pela instância ${instance} (${url})`,
    heldAlone: (url) => `WebSocket mantido pelo único servidor: sem nome de instância (${url})`,
    posted: (n) => `${n} mensagens, uma a cada 100 ms`,
    served: (counts) => `  POSTs atendidos por ${counts}`,
    delivered: (stats) => `POST enviado → mensagem no WebSocket: ${stats}`,
    answered: (stats) => `POST enviado → sua resposta 201: ${stats}`,
    split: (same, other) => `  pela instância que mantém o WebSocket: ${same}; por outra: ${other}`,
    none: 'nenhuma',
    missing: (n) => `mensagens que não chegaram ao WebSocket em 5 s: ${n}`,
    closed: (code) =>
      `o WebSocket fechou (código ${code}) antes da última mensagem: a instância dele parou?`,
  },
}
const t = textsFor(TEXTS)
const pt = t === TEXTS['pt-BR']

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** `1.9` in English, `1,9` in Portuguese. */
const ms = (value) => `${value.toFixed(1)} ms`.replace('.', pt ? ',' : '.')

/** The value at quantile `q` of sorted `values` (nearest rank). */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0
}

function summary(values) {
  if (values.length === 0) return t.none
  return `p50 ${ms(quantile(values, 0.5))}, p95 ${ms(quantile(values, 0.95))}, max ${ms(Math.max(...values))}`
}

/**
 * POSTs `body` as JSON on `agent`'s kept-alive connection, as a page does; resolves with the
 * status, the answer's text and the instance that served it (none without a shared store).
 */
function post(url, body, agent) {
  const client = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => (text += chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            text,
            instance: response.headers['x-wirelab-instance'],
          }),
        )
      },
    )
    request.on('error', reject)
    request.end(JSON.stringify(body))
  })
}

/** `i1 × 7, i2 × 7, i3 × 6`, in the order each instance first answered. */
function countInstances(instances) {
  const counts = new Map()
  for (const instance of instances) counts.set(instance, (counts.get(instance) ?? 0) + 1)
  return [...counts].map(([instance, n]) => `${instance} × ${n}`).join(', ')
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      messages: { type: 'string', default: '20' },
      room: { type: 'string', default: 'lab-14' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [target] = positionals
  if (values.help || !target) return void process.stdout.write(t.usage)
  const count = Number(values.messages)
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw new Error(`--messages must be 1 to 1000 (got "${values.messages}")`)
  const base = new URL(target)
  const room = values.room
  const wsUrl = new URL(`/ws?room=${encodeURIComponent(room)}`, base)
  wsUrl.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:'

  const socket = new WebSocket(wsUrl)
  /** When each of our texts arrived on the WebSocket (performance.now()). */
  const arrivals = new Map()
  const waiting = new Map()
  const hello = new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString('utf8'))
      if (frame.type === 'hello') resolve(frame)
      if (frame.type !== 'message') return
      const text = frame.message.text
      arrivals.set(text, performance.now())
      waiting.get(text)?.()
    })
  })
  const { instance: holder } = /** @type {{ instance?: string }} */ (await hello)
  console.log(holder ? t.held(holder, wsUrl.href) : t.heldAlone(wsUrl.href))
  /** The close code, once the WebSocket closed under us. */
  let closedWith
  socket.once('close', (code) => {
    closedWith = code
    for (const resolve of waiting.values()) resolve()
  })

  const agent = new (base.protocol === 'https:' ? https : http).Agent({ keepAlive: true })
  const run = randomBytes(4).toString('hex')
  const delivered = []
  const answered = []
  const served = []
  const byInstance = { same: [], other: [] }
  let missing = 0
  for (let i = 1; i <= count && closedWith === undefined; i++) {
    const text = `delivery ${run} #${i}`
    const arrived = new Promise((resolve) => waiting.set(text, resolve))
    const sent = performance.now()
    const answer = await post(
      new URL('/api/messages', base),
      { room, user: 'delivery', text, clientMsgId: `${run}-${i}` },
      agent,
    )
    answered.push(performance.now() - sent)
    if (answer.status !== 201) {
      // nginx answers 502 with a page of HTML when the instance it passed the POST to died.
      const json = answer.text.startsWith('{') ? ` ${answer.text}` : ''
      throw new Error(`POST /api/messages → ${answer.status}${json}`)
    }
    const { instance } = answer
    if (instance) served.push(instance)
    let timer
    const late = new Promise((resolve) => (timer = setTimeout(resolve, 5_000, false)))
    const inTime = await Promise.race([arrived.then(() => true), late])
    clearTimeout(timer)
    waiting.delete(text)
    if (!inTime || !arrivals.has(text)) {
      missing++
    } else {
      const took = (arrivals.get(text) ?? sent) - sent
      delivered.push(took)
      if (holder && instance) byInstance[instance === holder ? 'same' : 'other'].push(took)
    }
    await delay(Math.max(0, 100 - (performance.now() - sent)))
  }
  if (closedWith === undefined) socket.close()
  agent.destroy()
  console.log(t.posted(answered.length))
  if (served.length > 0) console.log(t.served(countInstances(served)))
  console.log(t.answered(summary(answered)))
  console.log(t.delivered(summary(delivered)))
  if (holder) {
    const p50 = (list) => (list.length ? `p50 ${ms(quantile(list, 0.5))} (${list.length})` : t.none)
    console.log(t.split(p50(byInstance.same), p50(byInstance.other)))
  }
  if (closedWith !== undefined) console.log(t.closed(closedWith))
  if (missing > 0) console.log(t.missing(missing))
  if (closedWith !== undefined || missing > 0) process.exitCode = 1
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`delivery.mjs: ${error.message}`)
  process.exit(2)
})
