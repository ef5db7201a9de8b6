import { type Agent, type ClientRequest, get } from 'node:http'

/** A GET whose JSON answer resolves; `onRequest` gets the request so that it can be cut. */
export function getJson<T>(
  url: string,
  agent: Agent,
  onRequest: (request: ClientRequest) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => {
        body += chunk
      })
      response.on('error', reject)
      response.on('end', () => {
        if (response.statusCode !== 200) reject(new Error(`${response.statusCode} ${body}`))
        else {
          try {
            resolve(JSON.parse(body) as T)
          } catch (error) {
            reject(error)
          }
        }
      })
    })
    request.on('error', reject)
    onRequest(request)
  })
}
