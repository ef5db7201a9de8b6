import { describe, expect, it } from 'vitest'
import { checkName } from './names.ts'
import { MAX_STUDENTS, NAME_HELD_MS, Roster } from './roster.ts'

describe('checkName', () => {
  it('tidies a name and folds it for comparison', () => {
    expect(checkName('  José   da  Silva ')).toEqual({
      ok: true,
      name: 'José da Silva',
      key: 'jose da silva',
    })
    // NFD input is stored as NFC: the same name typed on two keyboards is one name.
    expect(checkName('Jose\u0301')).toMatchObject({ ok: true, name: 'José', key: 'jose' })
    expect(checkName("O'Brien-2_b.")).toMatchObject({ ok: true })
    expect(checkName('Łukasz')).toMatchObject({ ok: true, key: 'lukasz' })
    expect(checkName('Андрей')).toMatchObject({ ok: true })
    expect(checkName('山田 はなこ')).toMatchObject({ ok: true })
  })

  it('refuses what is no name, and names that pass for the instructor or the server', () => {
    // 'Аna' and 'іnstructor' start with a Cyrillic letter: one alphabet per name.
    for (const bad of [
      '',
      '42',
      'a\u0000b',
      'a'.repeat(33),
      'ana@x',
      '<b>',
      '\u200b',
      'Аna',
      'іnstructor',
    ]) {
      expect(checkName(bad), JSON.stringify(bad)).toMatchObject({ ok: false, reason: 'invalid' })
    }
    for (const reserved of [
      'Instrutora',
      'PROFESSOR',
      'Opérator',
      'ad-min',
      'sis tema',
      'Professor Silva',
      'Prof',
      'Instructor 2',
      'ınstructor',
    ]) {
      expect(checkName(reserved), reserved).toMatchObject({ ok: false, reason: 'reserved' })
    }
  })
})

describe('Roster', () => {
  it('holds a name while its session is seen, and lets it go 30 s after', () => {
    let now = 0
    const roster = new Roster(() => now)
    const ana = roster.join('Ana', undefined).student
    expect(() => roster.join('ANA', undefined)).toThrow(/in the class already/)
    now += NAME_HELD_MS - 1
    expect(roster.bySession(ana.session)).toBe(ana)
    now += NAME_HELD_MS - 1
    expect(() => roster.join('ana', undefined)).toThrow(/in the class already/)
    now += 2
    const again = roster.join('ana', undefined).student
    expect(again.session).not.toBe(ana.session)
    expect(roster.bySession(ana.session)).toBeUndefined()
  })

  it('forgets students unseen for 10 minutes, and holds 2000 at most', () => {
    let now = 0
    const roster = new Roster(() => now)
    const first = roster.join('Ana', undefined).student
    now = 10 * 60_000 + 1
    roster.join('Bia', undefined)
    expect(roster.list().map((s) => s.name)).toEqual(['Bia'])
    expect(first.forgotten).toBe(true)
    for (let i = 1; i < MAX_STUDENTS; i++) roster.join(`Estudante ${i}`, undefined)
    expect(() => roster.join('Caio', undefined)).toThrow(/the class is full/)
  })

  it('lets a session rename itself, keeping its mute', () => {
    const roster = new Roster(() => 0)
    const ana = roster.join('Ana', undefined).student
    ana.muted = true
    const renamed = roster.join('Ana Maria', ana.session).student
    expect(renamed.muted).toBe(true)
    expect(roster.list().map((s) => s.name)).toEqual(['Ana Maria'])
    expect(roster.join('Ana Maria', renamed.session)).toMatchObject({ again: true })
  })
})
