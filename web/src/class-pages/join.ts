import type { ClassMe } from '../../../server/src/class/protocol.ts'
import { fill } from '../i18n/index.ts'
import { ApiError, getJson, postJson } from './class-api.ts'
import { type JoinFailure, joinFailure, normalizeCode } from './join-failure.ts'
import { JOIN_CSS } from './join-styles.ts'
import { required, startChrome } from './page-chrome.ts'
import { PageLanguage } from './page-language.ts'
import { CLASS_TEXTS, type ClassTexts } from './texts.ts'

/** Where a student goes once in: the lab page, following the class's room. */
const LAB_URL = '/?room=class'

const form = required<HTMLFormElement>('[data-join-form]')
const codeInput = required<HTMLInputElement>('#join-code')
const nameInput = required<HTMLInputElement>('#join-name')
const submit = required<HTMLButtonElement>('[data-join-submit]')
const errorLine = required<HTMLElement>('[data-join-error]')
const okLine = required<HTMLElement>('[data-join-ok]')
const member = required<HTMLElement>('[data-member]')

/** What the page says below the form; kept as a state so a language switch says it again. */
type Outcome =
  | { kind: 'idle' }
  | { kind: 'joining' }
  | { kind: 'joined' }
  | { kind: 'failed'; failure: JoinFailure; message: string }
let outcome: Outcome = { kind: 'idle' }
let me: ClassMe | null = null

const language = new PageLanguage()
codeInput.value = normalizeCode(new URLSearchParams(location.search).get('code') ?? '')
startChrome(language, JOIN_CSS, render)
;(codeInput.value ? nameInput : codeInput).focus()

form.addEventListener('submit', (event) => {
  event.preventDefault()
  void join()
})
void readMembership()

async function join(): Promise<void> {
  if (outcome.kind === 'joining') return
  outcome = { kind: 'joining' }
  codeInput.value = normalizeCode(codeInput.value)
  render(currentTexts())
  try {
    await postJson('/api/class/join', { code: codeInput.value, name: nameInput.value })
    outcome = { kind: 'joined' }
    render(currentTexts())
    location.assign(LAB_URL)
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0
    const message = error instanceof Error ? error.message : String(error)
    outcome = { kind: 'failed', failure: joinFailure(status), message }
    render(currentTexts())
    invalidInput(outcome.failure)?.focus()
  }
}

/** A browser that already joined (or is the instructor's, or a server with no class) is told so. */
async function readMembership(): Promise<void> {
  try {
    me = await getJson<ClassMe>('/api/class/me')
  } catch {
    return // The form still works; a failed join will say what is wrong.
  }
  render(currentTexts())
}

function render(texts: ClassTexts): void {
  document.title = texts.join.title
  submit.textContent = outcome.kind === 'joining' ? texts.join.joining : texts.join.submit
  submit.disabled = outcome.kind === 'joining' || outcome.kind === 'joined'
  okLine.hidden = outcome.kind !== 'joined'
  okLine.textContent = texts.join.joined
  errorLine.hidden = outcome.kind !== 'failed'
  errorLine.textContent =
    outcome.kind === 'failed'
      ? fill(texts.join.errors[outcome.failure], { message: outcome.message })
      : ''
  const invalid = outcome.kind === 'failed' ? invalidInput(outcome.failure) : null
  for (const input of [codeInput, nameInput]) {
    if (input === invalid) input.setAttribute('aria-invalid', 'true')
    else input.removeAttribute('aria-invalid')
  }
  renderMembership(texts)
}

function renderMembership(texts: ClassTexts): void {
  const note = membershipNote(texts)
  member.hidden = note === null
  if (!note) return
  required<HTMLElement>('[data-member-text]').textContent = note.text
  const link = required<HTMLAnchorElement>('[data-member-link]')
  link.textContent = note.link
  link.href = note.href
}

function membershipNote(texts: ClassTexts): { text: string; link: string; href: string } | null {
  if (me?.mode === 'open') return { text: texts.join.notClass, link: texts.join.openLab, href: '/' }
  if (me?.role === 'student') {
    const text = fill(texts.join.already, { name: me.name ?? '' })
    return { text, link: texts.join.openLab, href: LAB_URL }
  }
  if (me?.role === 'instructor') {
    return { text: texts.join.instructor, link: texts.join.openDashboard, href: '/class/' }
  }
  return null
}

/** The field a refusal is about, marked invalid and focused so the student fixes that one. */
function invalidInput(failure: JoinFailure): HTMLInputElement | null {
  if (failure === 'wrongCode') return codeInput
  if (failure === 'badName' || failure === 'reservedName' || failure === 'nameInUse') {
    return nameInput
  }
  return null
}

function currentTexts(): ClassTexts {
  return CLASS_TEXTS[language.language]
}
