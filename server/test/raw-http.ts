import type { Socket } from 'node:net'

export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * HTTP/1.1 by hand over one TCP socket: writes the request bytes itself and reads the response
 * (Content-Length or chunked), so the test knows exactly which bytes crossed the wire.
 */
export class RawHttp {
  #buffer: Buffer = Buffer.alloc(0)
  #waiting: (() => void) | undefined

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk])
      this.#waiting?.()
    })
    socket.on('close', () => this.#waiting?.())
  }

  /** `headers`: extra `Name: value` lines; a `Host:` among them replaces the default one. */
  async request(
    method: string,
    target: string,
    body?: string,
    headers: string[] = [],
  ): Promise<RawResponse> {
    const host = headers.some((line) => /^host:/i.test(line)) ? [] : ['Host: 127.0.0.1']
    const head = [
      `${method} ${target} HTTP/1.1`,
      ...host,
      'User-Agent: wirelab-raw-test',
      ...headers,
    ]
    if (body !== undefined) {
      head.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`)
    }
    this.socket.write(`${head.join('\r\n')}\r\n\r\n${body ?? ''}`)
    return this.readResponse()
  }

  /** Reads bytes until `done(text)` holds (for a stream that does not end). */
  async readUntil(done: (text: string) => boolean): Promise<string> {
    while (!done(this.#buffer.toString('latin1'))) await this.#more()
    const text = this.#buffer.toString('utf8')
    this.#buffer = Buffer.alloc(0)
    return text
  }

  async readResponse(): Promise<RawResponse> {
    let headEnd = this.#buffer.indexOf('\r\n\r\n')
    while (headEnd < 0) {
      await this.#more()
      headEnd = this.#buffer.indexOf('\r\n\r\n')
    }
    const [statusLine = '', ...lines] = this.#buffer
      .subarray(0, headEnd)
      .toString('latin1')
      .split('\r\n')
    const headers = Object.fromEntries(
      lines.map((line) => {
        const colon = line.indexOf(':')
        return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]
      }),
    )
    const status = Number(statusLine.split(' ')[1])
    let rest: Buffer = this.#buffer.subarray(headEnd + 4)
    let body: Buffer
    if (headers['transfer-encoding'] === 'chunked') {
      const chunks: Buffer[] = []
      for (;;) {
        let lineEnd = rest.indexOf('\r\n')
        while (lineEnd < 0) {
          rest = await this.#moreOf(rest)
          lineEnd = rest.indexOf('\r\n')
        }
        const size = Number.parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16)
        while (rest.length < lineEnd + 2 + size + 2) rest = await this.#moreOf(rest)
        chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size))
        rest = rest.subarray(lineEnd + 2 + size + 2)
        if (size === 0) break
      }
      body = Buffer.concat(chunks)
    } else {
      const length = Number(headers['content-length'] ?? 0)
      while (rest.length < length) rest = await this.#moreOf(rest)
      body = rest.subarray(0, length)
      rest = rest.subarray(length)
    }
    this.#buffer = Buffer.from(rest)
    return { status, headers, body: body.toString('utf8') }
  }

  async #moreOf(rest: Buffer): Promise<Buffer> {
    const consumed = this.#buffer.length - rest.length
    await this.#more()
    return this.#buffer.subarray(consumed)
  }

  #more(): Promise<void> {
    if (this.socket.destroyed)
      return Promise.reject(new Error('socket closed before the response ended'))
    return new Promise((resolve) => {
      this.#waiting = () => {
        this.#waiting = undefined
        resolve()
      }
    })
  }
}
