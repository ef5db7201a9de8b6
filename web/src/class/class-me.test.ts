import { describe, expect, it } from 'vitest'
import { classMember, fetchClassMe, joinPageUrl, parseClassMe } from './class-me.ts'

const answer = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('class/me', () => {
  it('reads a server in open mode, or one without class mode, as the open lab', async () => {
    expect(await fetchClassMe(answer(200, { mode: 'open' }))).toEqual({ mode: 'open' })
    expect(await fetchClassMe(answer(404, { error: { code: 'not_found' } }))).toEqual({
      mode: 'open',
    })
    const unreachable = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch')
    }
    expect(await fetchClassMe(unreachable)).toEqual({ mode: 'open' })
  })

  it('makes a student, an instructor, or nobody of a class answer', async () => {
    const student = await fetchClassMe(
      answer(200, { mode: 'class', role: 'student', name: 'Ana', room: 'class' }),
    )
    expect(classMember(student)).toEqual({ role: 'student', name: 'Ana', state: null })
    expect(classMember({ mode: 'class', role: 'instructor', room: 'class' })).toMatchObject({
      role: 'instructor',
      name: null,
    })
    expect(classMember({ mode: 'class', role: null, room: 'class' })).toBeNull()
    expect(classMember({ mode: 'open' })).toBeNull()
  })

  it('refuses an answer it cannot read, naming the field', () => {
    expect(() => parseClassMe({ mode: 'lecture' })).toThrow(/class\/me.mode/)
    expect(() => parseClassMe({ mode: 'class', role: 'dean' })).toThrow(/class\/me.role/)
    expect(() => parseClassMe({ mode: 'class', role: 'student' })).toThrow(/class\/me.name/)
  })
})

describe('joinPageUrl', () => {
  it('keeps the join code of the link the page was opened with', () => {
    expect(joinPageUrl('?code=TEST42&room=lobby')).toBe('/join/?code=TEST42')
    expect(joinPageUrl('?code=a%20b')).toBe('/join/?code=a+b')
    expect(joinPageUrl('')).toBe('/join/')
  })
})
