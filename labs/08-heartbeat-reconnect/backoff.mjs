#!/usr/bin/env node
// @ts-check
/**
 * backoff.mjs — the lab page's WebSocket reconnect schedule, printed. The page's client waits
 * backoffDelay(attempt) before each new try (web/src/transports/client.ts); this script uses the
 * same formula, with Node's standard library only, so you can see the numbers it produces.
 *
 *   node labs/08-heartbeat-reconnect/backoff.mjs                  attempts 0 to 7, one random draw
 *   node labs/08-heartbeat-reconnect/backoff.mjs --clients 1000   1000 clients dropped at once
 *
 * Its notes are in Portuguese on a Portuguese system, or with WIRELAB_LANG=pt-BR (en for English).
 */
import { parseArgs } from 'node:util'
import { textsFor } from '../tools/language.mjs'

const BASE_MS = 500
const MAX_MS = 10_000
const JITTER = 0.3

/** The same sum as the page's client: exponential, capped, then ± jitter, rounded. */
export function backoffDelay(attempt, random = Math.random) {
  const capped = Math.min(MAX_MS, BASE_MS * 2 ** attempt)
  return Math.round(capped * (1 + JITTER * (2 * random() - 1)))
}

const TEXTS = {
  en: {
    formula: 'delay = min(10000, 500 · 2^attempt) ms, then ± 30 % of jitter, rounded',
    header: ['attempt', '500·2^n', 'capped', 'range', 'this run', 'waited in all'],
    unit: 'all times in ms',
    clients: (n) =>
      `${n} clients lose their connection at the same instant. First retry (attempt 0):`,
    bucket: (from, to) => `${from}–${to} ms`,
    without: (n) => `without jitter: all ${n} at 500 ms, in the same millisecond`,
  },
  'pt-BR': {
    formula: 'espera = min(10000, 500 · 2^tentativa) ms, depois ± 30 % de jitter, arredondada',
    header: ['tentativa', '500·2^n', 'limitada', 'faixa', 'esta vez', 'espera total'],
    unit: 'todos os tempos em ms',
    clients: (n) =>
      `${n} clientes perdem a conexão no mesmo instante. Primeira nova tentativa (tentativa 0):`,
    bucket: (from, to) => `${from}–${to} ms`,
    without: (n) => `sem jitter: todos os ${n} aos 500 ms, no mesmo milissegundo`,
  },
}
const t = textsFor(TEXTS)

/** Attempts 0 to 7: the exponential, the cap, the range the jitter allows, and one draw. */
function schedule() {
  console.log(t.formula)
  console.log(`(${t.unit})`)
  const widths = [10, 9, 9, 13, 10]
  const row = (cells) =>
    cells
      .map((cell, i) => String(cell).padEnd(widths[i] ?? 0))
      .join('')
      .trimEnd()
  console.log(row(t.header))
  let waited = 0
  for (let attempt = 0; attempt <= 7; attempt++) {
    const exponential = BASE_MS * 2 ** attempt
    const capped = Math.min(MAX_MS, exponential)
    const range = `${Math.round(capped * (1 - JITTER))}–${Math.round(capped * (1 + JITTER))}`
    const delay = backoffDelay(attempt)
    waited += delay
    console.log(row([attempt, exponential, capped, range, delay, waited]))
  }
}

/** Many clients dropped by the same restart: when their first retries land, in 50 ms slots. */
function herd(count) {
  console.log(t.clients(count))
  const slots = new Map()
  for (let i = 0; i < count; i++) {
    // 650 ms itself (a draw that rounds up to the very top) goes with the last slot.
    const slot = Math.min(600, Math.floor(backoffDelay(0) / 50) * 50)
    slots.set(slot, (slots.get(slot) ?? 0) + 1)
  }
  for (let slot = 350; slot <= 600; slot += 50) {
    const n = slots.get(slot) ?? 0
    const bar = '█'.repeat(Math.round((n / count) * 120))
    console.log(
      `  ${t.bucket(slot, slot === 600 ? 650 : slot + 49).padEnd(12)}${String(n).padStart(5)}  ${bar}`,
    )
  }
  console.log(t.without(count))
}

const { values } = parseArgs({ options: { clients: { type: 'string' } } })
if (values.clients === undefined) schedule()
else herd(Math.max(1, Number.parseInt(values.clients, 10) || 1))
