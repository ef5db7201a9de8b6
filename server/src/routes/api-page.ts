import { Hono } from 'hono'
import { html, raw } from 'hono/html'
import type { AppEnv } from '../http/app-env.ts'
import { CLASS_ENDPOINTS } from './api-page-class.ts'

export type Lang = 'en' | 'pt-BR'

export interface Endpoint {
  method: string
  path: string
  does: Record<Lang, string>
  example: (base: string) => string
}

const ENDPOINTS: Endpoint[] = [
  {
    method: 'POST',
    path: '/api/messages',
    does: {
      en: 'Append a chat message: 201 {seq, ts}; the same clientMsgId again: 200, same seq.',
      'pt-BR':
        'Acrescenta uma mensagem ao chat: 201 {seq, ts}; o mesmo clientMsgId de novo: 200, o mesmo seq.',
    },
    example: (b) =>
      `curl -s -X POST '${b}/api/messages' -H 'content-type: application/json' -d '{"user":"ana","text":"olá"}'`,
  },
  {
    method: 'GET',
    path: '/api/poll',
    does: {
      en: 'Short polling: what is after the cursor, right now (often nothing).',
      'pt-BR': 'Short polling: o que há depois do cursor neste momento (muitas vezes, nada).',
    },
    example: (b) => `curl -s '${b}/api/poll?since=0'`,
  },
  {
    method: 'GET',
    path: '/api/longpoll',
    does: {
      en: 'Long polling: held until a message arrives or timeout ms pass (default 25000).',
      'pt-BR':
        'Long polling: a requisição fica aberta até chegar uma mensagem ou passarem timeout ms (padrão 25000).',
    },
    example: (b) => `curl -s '${b}/api/longpoll?since=0&timeout=10000'`,
  },
  {
    method: 'GET',
    path: '/api/sse',
    does: {
      en: 'Server-Sent Events: one long response, an event per message, id EPOCH:SEQ.',
      'pt-BR': 'Server-Sent Events: uma resposta longa, um evento por mensagem, id EPOCH:SEQ.',
    },
    example: (b) => `curl -N -s '${b}/api/sse?since=0'`,
  },
  {
    method: 'GET',
    path: '/ws',
    does: {
      en: 'WebSocket: hello, backlog, live messages; send {"type":"send","user","text"}.',
      'pt-BR':
        'WebSocket: hello, o acumulado, as mensagens ao vivo; envie {"type":"send","user","text"}.',
    },
    example: (b) =>
      `node -e "const s=new (require('ws'))('${b.replace(/^http/, 'ws')}/ws?since=0');s.on('message',m=>console.log(String(m)))"`,
  },
  {
    method: 'GET',
    path: '/socket.io/',
    does: {
      en: 'Socket.IO (Engine.IO polling, then an upgrade to WebSocket), namespace /feed: auth {room, since, epoch}; events hello, message; send {user, text} answered by its ack.',
      'pt-BR':
        'Socket.IO (polling do Engine.IO e depois upgrade para WebSocket), namespace /feed: auth {room, since, epoch}; eventos hello e message; send {user, text} respondido pelo ack.',
    },
    example: (b) => `curl -s '${b}/socket.io/?EIO=4&transport=polling'`,
  },
  {
    method: 'GET',
    path: '/api/history',
    does: { en: 'The last messages of a room.', 'pt-BR': 'As últimas mensagens de uma sala.' },
    example: (b) => `curl -s '${b}/api/history?limit=10'`,
  },
  {
    method: 'GET',
    path: '/api/time',
    does: {
      en: "The server's clock, for the clock-offset estimate.",
      'pt-BR': 'O relógio do servidor, para estimar a defasagem do relógio do cliente.',
    },
    example: (b) => `curl -s '${b}/api/time'`,
  },
  {
    method: 'GET',
    path: '/api/stats',
    does: {
      en: 'The wire meter: bytes on the wire per transport (add ?client=ID for one client).',
      'pt-BR':
        'O medidor de tráfego: bytes na rede por transporte (acrescente ?client=ID para um só cliente).',
    },
    example: (b) => `curl -s '${b}/api/stats'`,
  },
  {
    method: 'POST',
    path: '/api/stats/reset',
    does: { en: 'Zero the wire meter.', 'pt-BR': 'Zera o medidor de tráfego.' },
    example: (b) =>
      `curl -s -X POST -H 'content-type: application/json' '${b}/api/stats/reset?client=me'`,
  },
  {
    method: 'GET',
    path: '/metrics',
    does: {
      en: 'The same figures for Prometheus.',
      'pt-BR': 'Os mesmos números para o Prometheus.',
    },
    example: (b) => `curl -s '${b}/metrics'`,
  },
  {
    method: 'POST',
    path: '/api/lab/ticker',
    does: {
      en: "The room's load generator: rate messages per second (0 stops) of size bytes; every page of the room follows it.",
      'pt-BR':
        'O gerador de carga da sala: rate mensagens por segundo (0 desliga), de size bytes cada; todas as páginas da sala o acompanham.',
    },
    example: (b) =>
      `curl -s -X POST '${b}/api/lab/ticker' -H 'content-type: application/json' -d '{"room":"lobby","rate":2,"size":20}'`,
  },
  {
    method: 'GET',
    path: '/api/lab/ticker',
    does: {
      en: 'The tickers that run (or are paused), room by room.',
      'pt-BR': 'Os tickers em execução (ou pausados), sala por sala.',
    },
    example: (b) => `curl -s '${b}/api/lab/ticker'`,
  },
  {
    method: 'POST',
    path: '/api/lab/network',
    does: {
      en: 'Network conditions of one transport of a room (delayMs, jitterMs, bandwidthKbps, dropPerMinute, offline; clear: true to stop): every page of the room then routes it through a shaping proxy.',
      'pt-BR':
        'Condições de rede de um transporte de uma sala (delayMs, jitterMs, bandwidthKbps, dropPerMinute, offline; clear: true para parar): todas as páginas da sala passam a usá-lo por um proxy que simula a rede.',
    },
    example: (b) =>
      `curl -s -X POST '${b}/api/lab/network' -H 'content-type: application/json' -d '{"room":"lobby","transport":"ws","delayMs":150,"jitterMs":20}'`,
  },
  {
    method: 'GET',
    path: '/api/lab/network',
    does: {
      en: "A room's network conditions and the proxy port of each shaped transport.",
      'pt-BR': 'As condições de rede de uma sala e a porta do proxy de cada transporte simulado.',
    },
    example: (b) => `curl -s '${b}/api/lab/network?room=lobby'`,
  },
  {
    method: 'POST',
    path: '/api/lab/kill',
    does: {
      en: "Drop a client's connections of one transport; the answer names them.",
      'pt-BR': 'Derruba as conexões de um cliente em um transporte; a resposta diz quais.',
    },
    example: (b) =>
      `curl -s -X POST '${b}/api/lab/kill' -H 'content-type: application/json' -d '{"client":"me","transport":"sse"}'`,
  },
  {
    method: 'GET',
    path: '/api/lab/stats',
    does: {
      en: "A page's channel (SSE): the server's version, the room's settings, its meter every interval ms.",
      'pt-BR':
        'O canal de uma página (SSE): a versão do servidor, as configurações da sala, o seu medidor de tráfego a cada interval ms.',
    },
    example: (b) => `curl -N -s '${b}/api/lab/stats?client=me&room=lobby&interval=1000'`,
  },
  {
    method: 'GET',
    path: '/api/lab/exchanges',
    does: {
      en: 'What crossed the wire for a client and transport: heads, SSE events, WebSocket frames (the last 300).',
      'pt-BR':
        'O que passou pela rede para um cliente e um transporte: cabeçalhos, eventos SSE, frames WebSocket (os últimos 300).',
    },
    example: (b) => `curl -s '${b}/api/lab/exchanges?client=me&transport=sse'`,
  },
  ...CLASS_ENDPOINTS,
]

const TEXT = {
  en: {
    title: 'wirelab — the API',
    pitch:
      'One chat feed, four transports. Every request may carry ?room= (default lobby) and ?client= (your id, for the wire meter).',
    other: 'Português',
  },
  'pt-BR': {
    title: 'wirelab — a API',
    pitch:
      'Um só feed de chat, quatro transportes. Toda requisição aceita ?room= (padrão lobby) e ?client= (seu id, para o medidor de tráfego).',
    other: 'English',
  },
} as const

/** `GET /api`: the endpoints with curl examples, in English or Portuguese. */
export function apiPageRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/api', (c) => {
    const lang: Lang = pickLang(c.req.query('lang'), c.req.header('Accept-Language'))
    const base = new URL(c.req.url).origin
    const text = TEXT[lang]
    const rows = ENDPOINTS.map(
      (e) => html`<tr><td><code>${e.method} ${e.path}</code></td><td>${e.does[lang]}</td></tr>
        <tr class="ex"><td colspan="2"><pre>${e.example(base)}</pre></td></tr>`,
    )
    return c.html(html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${text.title}</title>
<style>${raw(STYLE)}</style></head>
<body><main><h1>${text.title}</h1><p>${text.pitch}</p>
<p><a href="?lang=${lang === 'en' ? 'pt-BR' : 'en'}">${text.other}</a></p>
<table>${rows}</table></main></body></html>`)
  })
}

function pickLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'pt-BR') return query
  return /^\s*pt\b/i.test(acceptLanguage ?? '') ? 'pt-BR' : 'en'
}

const STYLE = `
:root{color-scheme:light dark;font-family:system-ui,sans-serif}
main{max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}
td{padding:.4rem .6rem;vertical-align:top;border-top:1px solid #8884}
tr.ex td{border-top:none;padding-top:0}
pre{margin:0;padding:.4rem .6rem;background:#8881;border-radius:4px;overflow-x:auto}
`
