import type { IntegrityFinding } from './checksums.ts'

/** The languages the grader speaks; the task texts exist in the same two. */
export type Lang = 'en' | 'pt-BR'

/**
 * `--lang` first; otherwise the system locale (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them;
 * on Windows, Node's Intl locale): Portuguese → pt-BR, anything else → en.
 */
export function chooseLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  // An empty variable counts as unset (POSIX).
  const locale =
    flag ||
    env.LC_ALL ||
    env.LC_MESSAGES ||
    env.LANG ||
    Intl.DateTimeFormat().resolvedOptions().locale
  return /^pt/i.test(locale) ? 'pt-BR' : 'en'
}

const plural = (count: number, one: string, many: string): string =>
  `${count} ${count === 1 ? one : many}`

const en = {
  pass: 'PASS',
  fail: 'FAIL',
  notRun: 'not run',
  total: 'Total',
  exerciseError: 'EXERCISE ERROR',
  warning: 'WARNING',
  grading: (what: string) => `Grading ${what}`,
  exercisesCount: (count: number) => plural(count, 'exercise', 'exercises'),
  testsDone: (count: number, failing: number) =>
    `${plural(count, 'test', 'tests')} done${failing ? `, ${failing} failing` : ''}`,
  didNotRun: (why: string) => `did not run: ${why}`,
  noTestFileRan: 'no test file of this exercise ran',
  noTestWithThisName: 'the test file has no test with this name',
  skipped: (why: string) => `was skipped${why ? `: ${why}` : ''}`,
  noMessage: 'failed without a message',
  testTwice: (name: string, times: number) => `test "${name}" exists ${times} times`,
  notInPoints: (name: string) => `test "${name}" ran but is not in points.json`,
  typeCheck: 'TypeScript',
  noTypeErrors: 'no type errors',
  typeErrors: (count: number) => plural(count, 'type error', 'type errors'),
  typePenalty: (points: string) => `(−${points} from the points of the tests)`,
  moreTypeErrors: (count: number) => `… and ${count} more`,
  noChecksums: (path: string) => `no ${path}: tests not verified`,
  integrity: (finding: IntegrityFinding, pristineUsed: boolean): string => {
    if (finding.problem === 'not in the checksum manifest') {
      return `${finding.file} has no checksums: its tests cannot be verified`
    }
    const remedy = pristineUsed
      ? 'graded with the original tests instead'
      : 'grade with --pristine DIR to use the original tests'
    return `${finding.file} was ${finding.problem}: ${remedy}`
  },
  escaped: (where: string, message: string) =>
    `an error escaped the tests${where ? ` of ${where}` : ''}: ${message}`,
  timedOut: 'The tests did not finish in time and were stopped; those left unfinished score 0.',
  vitestBroke: (log: string) => `Vitest failed before running any test:\n${log}`,
  noExercises: (dir: string) => `No exercises in ${dir} (folders NN-name/ with a points.json).`,
  seeHelp: 'Run `npm run grade -- --help` for the options.',
  unknownExercise: (name: string, valid: string) =>
    `unknown exercise "${name}"; the exercises are: ${valid}`,
  noSuchPristine: (dir: string) => `--pristine ${dir}: no such folder`,
  pristineLacks: (dir: string, name: string) => `--pristine ${dir}: it has no ${name}/ folder`,
  classroomNeedsOutput:
    '--classroom writes to $GITHUB_OUTPUT, which is not set (not in a GitHub Actions step)',
  wrote: (path: string) => `wrote ${path}`,
}

export type Messages = typeof en

const ptBR: Messages = {
  pass: 'PASSOU',
  fail: 'FALHOU',
  notRun: 'não rodou',
  total: 'Total',
  exerciseError: 'ERRO DO EXERCÍCIO',
  warning: 'AVISO',
  grading: (what) => `Corrigindo ${what}`,
  exercisesCount: (count) => plural(count, 'exercício', 'exercícios'),
  testsDone: (count, failing) =>
    `${plural(count, 'teste concluído', 'testes concluídos')}${failing ? `, ${failing} falhando` : ''}`,
  didNotRun: (why) => `não rodou: ${why}`,
  noTestFileRan: 'nenhum arquivo de testes deste exercício rodou',
  noTestWithThisName: 'o arquivo de testes não tem teste com este nome',
  skipped: (why) => `foi pulado${why ? `: ${why}` : ''}`,
  noMessage: 'falhou sem mensagem',
  testTwice: (name, times) => `o teste "${name}" aparece ${times} vezes`,
  notInPoints: (name) => `o teste "${name}" rodou, mas não está em points.json`,
  typeCheck: 'TypeScript',
  noTypeErrors: 'nenhum erro de tipo',
  typeErrors: (count) => plural(count, 'erro de tipo', 'erros de tipo'),
  typePenalty: (points) => `(−${points} dos pontos dos testes)`,
  moreTypeErrors: (count) => `… e mais ${count}`,
  noChecksums: (path) => `${path} não existe: os testes não foram verificados`,
  integrity: (finding, pristineUsed) => {
    if (finding.problem === 'not in the checksum manifest') {
      return `${finding.file} não tem checksum: seus testes não podem ser verificados`
    }
    const problem = {
      modified: 'foi modificado',
      missing: 'foi apagado',
      added: 'foi acrescentado',
    }[finding.problem]
    const remedy = pristineUsed
      ? 'a correção usou os testes originais'
      : 'corrija com --pristine DIR para usar os testes originais'
    return `${finding.file} ${problem}: ${remedy}`
  },
  escaped: (where, message) =>
    `um erro escapou dos testes${where ? ` de ${where}` : ''}: ${message}`,
  timedOut:
    'Os testes não terminaram a tempo e foram interrompidos; os que ficaram pela metade valem 0.',
  vitestBroke: (log) => `O Vitest falhou antes de rodar qualquer teste:\n${log}`,
  noExercises: (dir) => `Nenhum exercício em ${dir} (pastas NN-nome/ com um points.json).`,
  seeHelp: 'Rode `npm run grade -- --help` para ver as opções.',
  unknownExercise: (name, valid) => `exercício desconhecido "${name}"; os exercícios são: ${valid}`,
  noSuchPristine: (dir) => `--pristine ${dir}: essa pasta não existe`,
  pristineLacks: (dir, name) => `--pristine ${dir}: não há a pasta ${name}/ nela`,
  classroomNeedsOutput:
    '--classroom escreve em $GITHUB_OUTPUT, que não está definida (fora de um passo do GitHub Actions)',
  wrote: (path) => `escrito ${path}`,
}

export const MESSAGES: Record<Lang, Messages> = { en, 'pt-BR': ptBR }
