import type { IntegrityFinding } from './checksums.ts'
import { formatPoints } from './format-text.ts'
import type { GradedExercise } from './score.ts'

const cell = (text: string): string => text.replaceAll('|', '\\|')

/** The Markdown appended to `$GITHUB_STEP_SUMMARY`: one row per exercise and the total. */
export function stepSummary(
  exercises: readonly GradedExercise[],
  integrity: readonly IntegrityFinding[],
): string {
  const score = exercises.reduce((sum, exercise) => sum + exercise.score, 0)
  const maxScore = exercises.reduce((sum, exercise) => sum + exercise.maxScore, 0)
  return [
    '### wirelab grade',
    '',
    ...integrity.map((finding) => `> **Warning:** \`${finding.file}\` was ${finding.problem}.`),
    ...(integrity.length ? [''] : []),
    '| Exercise | Points | Max |',
    '| --- | ---: | ---: |',
    ...exercises.map(
      (exercise) =>
        `| ${cell(exercise.label)} | ${formatPoints(exercise.score)} | ${formatPoints(exercise.maxScore)} |`,
    ),
    `| **Total** | **${formatPoints(score)}** | **${formatPoints(maxScore)}** |`,
    '',
  ].join('\n')
}
