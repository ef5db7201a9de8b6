import { parseArgs } from 'node:util'
import type { Lang } from './messages.ts'

/** The options of `npm run grade`, parsed. */
export interface GradeArgs {
  exercises: string[]
  json: string | undefined
  strict: boolean
  classroom: boolean
  lang: string | undefined
  pristine: string | undefined
  exercisesDir: string | undefined
  writeChecksums: boolean
  help: boolean
}

const HELP_EN = `Usage: npm run grade [-- [options] [NN-name …]]

Runs the tests of the exercises once and type-checks them, and prints, per test, PASS or FAIL with
its time and points, then the points of each exercise and the total. Type errors in an exercise
cost 1 point of what its tests earned.

  NN-name              grade only these exercises (e.g. 02-frames, or just 02); default: all

Options:
  --json FILE          also write the result as Gradescope results.json to FILE
  --strict             exit 1 unless every graded exercise has full marks
  --classroom          (GitHub Classroom) write each exercise's result, with partial credit per
                       test, as a step output to $GITHUB_OUTPUT for autograding-grading-reporter
  --pristine DIR       grade with the original tests from DIR (a clean copy of the project, or
                       of its exercises/ folder) instead of the tests in this folder
  --lang en|pt-BR      the language of the report (default: from the system locale)
  --write-checksums    (instructors) rewrite exercises/checksums.json from the current tests
  --exercises-dir DIR  grade the exercises in DIR instead of exercises/
  -h, --help           show this help

When GITHUB_STEP_SUMMARY is set, a Markdown table of the points is appended to that file.
Exit codes: 0 graded, 1 not full marks with --strict, 2 bad command line, 3 the run broke.`

const HELP_PT_BR = `Uso: npm run grade [-- [opções] [NN-nome …]]

Roda uma vez os testes dos exercícios, verifica os tipos e mostra, para cada teste, PASSOU ou
FALHOU com o tempo e os pontos; depois, os pontos de cada exercício e o total. Erros de tipo num
exercício custam 1 ponto do que os testes dele renderam.

  NN-nome              corrige só estes exercícios (ex.: 02-frames, ou só 02); padrão: todos

Opções:
  --json ARQUIVO       também grava o resultado no formato results.json do Gradescope
  --strict             sai com 1 se algum exercício corrigido não tiver nota máxima
  --classroom          (GitHub Classroom) grava o resultado de cada exercício, com crédito
                       parcial por teste, como saída do passo em $GITHUB_OUTPUT, para o
                       autograding-grading-reporter
  --pristine DIR       corrige com os testes originais de DIR (uma cópia limpa do projeto, ou
                       da pasta exercises/ dele) em vez dos testes desta pasta
  --lang en|pt-BR      o idioma do relatório (padrão: o do sistema)
  --write-checksums    (professores) regrava exercises/checksums.json a partir dos testes atuais
  --exercises-dir DIR  corrige os exercícios de DIR em vez de exercises/
  -h, --help           mostra esta ajuda

Com GITHUB_STEP_SUMMARY definida, uma tabela Markdown dos pontos é acrescentada a esse arquivo.
Códigos de saída: 0 corrigido, 1 sem nota máxima com --strict, 2 linha de comando inválida,
3 a execução quebrou.`

export function gradeHelp(lang: Lang): string {
  return lang === 'pt-BR' ? HELP_PT_BR : HELP_EN
}

/** Throws a sentence naming the bad option when the command line cannot be parsed. */
export function parseGradeArgs(argv: readonly string[]): GradeArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'string' },
      strict: { type: 'boolean', default: false },
      classroom: { type: 'boolean', default: false },
      lang: { type: 'string' },
      pristine: { type: 'string' },
      'exercises-dir': { type: 'string' },
      'write-checksums': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'pt-BR') {
    throw Object.assign(new Error(`--lang ${values.lang}: the grader speaks en and pt-BR`), {
      code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
    })
  }
  return {
    exercises: positionals,
    json: values.json,
    strict: values.strict ?? false,
    classroom: values.classroom ?? false,
    lang: values.lang,
    pristine: values.pristine,
    exercisesDir: values['exercises-dir'],
    writeChecksums: values['write-checksums'] ?? false,
    help: values.help ?? false,
  }
}
