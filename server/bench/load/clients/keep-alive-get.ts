import { connect, type Socket } from 'node:net'

const HEAD_END = Buffer.from('\r\n\r\n')

/**
 * GETs over one keep-alive TCP connection of its own, one request at a time, for the polling
 * clients. Node's HTTP client costs the load generator several times what it costs the server to
 * answer: with a thousand long polls the generator, not the server, was the limit. The answers
 * here are wirelab's JSON batches, whose length is always given (`Content-Length`).
 */
export class KeepAliveGet {
  readonly #host: string
  readonly #port: number
  readonly #extraHeaders: string
  #socket: Socket | undefined
  #received: Buffer = Buffer.alloc(0)
  #pending: { resolve: (body: string) => void; reject: (error: Error) => void } | undefined
  #closed = false

  constructor(baseUrl: string, headers: Record<string, string> = {}) {
    const url = new URL(baseUrl)
    this.#host = url.hostname
    this.#port = Number(url.port)
    this.#extraHeaders = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')
  }

  /** The body of a 200 answer to `GET target` (path and query); anything else rejects. */
  get(target: string): Promise<string> {
    if (this.#closed) return Promise.reject(new Error('closed'))
    if (this.#pending) return Promise.reject(new Error('one request at a time'))
    const socket = this.#socket ?? this.#connect()
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject }
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: ${this.#host}:${this.#port}\r\n${this.#extraHeaders}\r\n`,
      )
    })
  }

  close(): void {
    this.#closed = true
    this.#socket?.destroy()
  }

  #connect(): Socket {
    const socket = connect({ host: this.#host, port: this.#port, noDelay: true })
    this.#socket = socket
    this.#received = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => this.#read(chunk))
    socket.on('error', () => {})
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = undefined
      this.#fail(new Error('the connection closed'))
    })
    return socket
  }

  #read(chunk: Buffer): void {
    this.#received = this.#received.length === 0 ? chunk : Buffer.concat([this.#received, chunk])
    const headEnd = this.#received.indexOf(HEAD_END)
    if (headEnd < 0) return
    const head = this.#received.subarray(0, headEnd).toString('latin1')
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
    const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1]
    if (length === undefined) {
      this.#fail(new Error(`an answer without Content-Length: ${head.split('\r\n')[0]}`))
      this.#socket?.destroy()
      return
    }
    const bodyStart = headEnd + HEAD_END.length
    const bodyEnd = bodyStart + Number(length)
    if (this.#received.length < bodyEnd) return
    const body = this.#received.subarray(bodyStart, bodyEnd).toString('utf8')
    this.#received = this.#received.subarray(bodyEnd)
    const pending = this.#pending
    this.#pending = undefined
    if (status === 200) pending?.resolve(body)
    else pending?.reject(new Error(`${status} ${body}`))
  }

  #fail(error: Error): void {
    const pending = this.#pending
    this.#pending = undefined
    pending?.reject(error)
  }
}
