/** A request or response head as the server recorded it, split into HAR's parts. */
export interface ParsedHead {
  /** `GET /api/poll HTTP/1.1` or `HTTP/1.1 200 OK`. */
  startLine: string
  httpVersion: string
  /** Responses only: the reason phrase after the status code. */
  statusText: string
  headers: { name: string; value: string }[]
  /** Bytes from the start line through the blank line that ends the head. */
  size: number
}

const utf8 = new TextEncoder()

/** Parses a raw HTTP/1.x head; tolerates a missing final blank line (then counts it as sent). */
export function parseHead(raw: string): ParsedHead {
  const headEnd = raw.indexOf('\r\n\r\n')
  const head = headEnd === -1 ? raw.replace(/(\r\n)*$/, '') : raw.slice(0, headEnd)
  const [startLine = '', ...headerLines] = head.split('\r\n')
  const parts = startLine.split(' ')
  const isResponse = startLine.startsWith('HTTP/')
  const headers = headerLines
    .filter((line) => line.includes(':'))
    .map((line) => {
      const colon = line.indexOf(':')
      return { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() }
    })
  return {
    startLine,
    httpVersion: (isResponse ? parts[0] : parts[2]) ?? 'HTTP/1.1',
    statusText: isResponse ? parts.slice(2).join(' ') : '',
    headers,
    size: utf8.encode(`${head}\r\n\r\n`).length,
  }
}
