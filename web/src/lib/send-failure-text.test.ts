import { describe, expect, it } from 'vitest'
import { LANGUAGES, TEXTS } from '../i18n/index.ts'
import { SendError } from './send-error.ts'
import { SEND_FAILURES, sendFailureText } from './send-failure-text.ts'

describe('sendFailureText', () => {
  it('has a sentence of its own for every failure code in both languages', () => {
    for (const language of LANGUAGES) {
      const generic = sendFailureText(TEXTS[language], new Error('?')).reason
      const sentences = SEND_FAILURES.map((code) => {
        const { reason } = sendFailureText(TEXTS[language], new SendError(code, 'english'))
        expect(reason.trim(), `${language} ${code}`).not.toBe('')
        expect(reason, `${language} ${code}`).not.toBe(generic)
        return reason
      })
      expect(new Set(sentences).size, language).toBe(SEND_FAILURES.length)
    }
  })

  it('lists the server codes and the client-side ones', () => {
    expect(SEND_FAILURES).toEqual(
      expect.arrayContaining(['bad_request', 'rate_limited', 'network', 'not_open', 'no_ack']),
    )
  })

  it('translates a code and keeps the English message for the tooltip', () => {
    const error = new SendError('not_open', 'the WebSocket is not open')
    expect(sendFailureText(TEXTS['pt-BR'], error)).toEqual({
      reason: TEXTS['pt-BR'].composer.errors.not_open,
      detail: 'the WebSocket is not open',
    })
  })

  it('says who refused a muted student, in the page language', () => {
    const muted = new SendError('muted', 'the instructor muted this student')
    expect(sendFailureText(TEXTS['pt-BR'], muted).reason).toBe('o professor silenciou você.')
    expect(sendFailureText(TEXTS.en, muted).reason).toBe('the instructor muted you.')
  })

  it('falls back to a generic sentence for an unknown code or a plain error', () => {
    const unknownCode = new SendError('teapot' as never, "I'm a teapot")
    expect(sendFailureText(TEXTS.en, unknownCode).reason).toBe(TEXTS.en.composer.errors.unknown)
    expect(sendFailureText(TEXTS.en, new TypeError('Failed to fetch'))).toEqual({
      reason: TEXTS.en.composer.errors.unknown,
      detail: 'Failed to fetch',
    })
  })
})
