import type { Endpoint } from './api-page.ts'

const JSON_HEADER = "-H 'content-type: application/json'"
/** A student's session, as `curl -c`/`-b` keeps it after joining. */
const STUDENT = '-b class.cookies'
const OPERATOR = '-H "Authorization: Bearer $OPERATOR_TOKEN"'

/** Class mode's endpoints (`npm start -- --class`) on the API page. */
export const CLASS_ENDPOINTS: Endpoint[] = [
  {
    method: 'GET',
    path: '/api/class/me',
    does: {
      en: 'Class mode: is this server running a class, and who you are in it (student, instructor, or not joined).',
      'pt-BR':
        'Modo turma: se este servidor está no modo turma, e quem você é na turma (estudante, professor ou ainda não entrou).',
    },
    example: (b) => `curl -s ${STUDENT} '${b}/api/class/me'`,
  },
  {
    method: 'POST',
    path: '/api/class/join',
    does: {
      en: 'Join the class with its code and your name; the answer sets your session cookie.',
      'pt-BR':
        'Entra na turma com o código e o seu nome; a resposta define o cookie da sua sessão.',
    },
    example: (b) =>
      `curl -s -c class.cookies -X POST '${b}/api/class/join' ${JSON_HEADER} -d '{"code":"ABC234","name":"Ana"}'`,
  },
  {
    method: 'POST',
    path: '/api/class/report',
    does: {
      en: "A class page's live figures (every 2 s): state, last seq and new latency samples per transport.",
      'pt-BR':
        'Os números ao vivo de uma página da turma (a cada 2 s): estado, último seq e novas amostras de latência por transporte.',
    },
    example: (b) =>
      `curl -s ${STUDENT} -X POST '${b}/api/class/report' ${JSON_HEADER} -d '{"client":"me","transports":{"ws":{"state":"open","lastSeq":0,"received":0,"samples":[],"reconnects":0,"missing":0,"repeated":0}}}'`,
  },
  {
    method: 'GET',
    path: '/api/class/info',
    does: {
      en: 'Instructor: the join code, the join URLs and their QR code (SVG).',
      'pt-BR': 'Professor: o código da turma, os endereços para entrar e o QR code deles (SVG).',
    },
    example: (b) => `curl -s ${OPERATOR} '${b}/api/class/info'`,
  },
  {
    method: 'GET',
    path: '/api/class/live',
    does: {
      en: 'Instructor (SSE): the class every second — who is here, per transport latency, bytes per message, who is behind.',
      'pt-BR':
        'Professor (SSE): a turma a cada segundo — quem está aqui, latência e bytes por mensagem de cada transporte, quem está atrasado.',
    },
    example: (b) => `curl -N -s ${OPERATOR} '${b}/api/class/live'`,
  },
  {
    method: 'POST',
    path: '/api/class/settings',
    does: {
      en: "Instructor: the class's ticker and the page settings every student's page follows.",
      'pt-BR':
        'Professor: o ticker da turma e as configurações que a página de cada estudante segue.',
    },
    example: (b) =>
      `curl -s ${OPERATOR} -X POST '${b}/api/class/settings' ${JSON_HEADER} -d '{"tickerRate":5}'`,
  },
  {
    method: 'POST',
    path: '/api/class/drop',
    does: {
      en: "Instructor: drop one transport's connections for the whole class.",
      'pt-BR': 'Professor: derruba as conexões de um transporte para a turma toda.',
    },
    example: (b) =>
      `curl -s ${OPERATOR} -X POST '${b}/api/class/drop' ${JSON_HEADER} -d '{"transport":"ws"}'`,
  },
  {
    method: 'POST',
    path: '/api/class/mute',
    does: {
      en: 'Instructor: mute (or unmute) a student: its sends are refused with 403 muted.',
      'pt-BR':
        'Professor: silencia um estudante (ou o reativa): enquanto silenciado, os envios dele são recusados com 403 muted.',
    },
    example: (b) =>
      `curl -s ${OPERATOR} -X POST '${b}/api/class/mute' ${JSON_HEADER} -d '{"name":"Ana","muted":true}'`,
  },
  {
    method: 'POST',
    path: '/api/class/clear',
    does: {
      en: 'Instructor: a fresh start — the pages clear the conversation and their figures, the meter is zeroed.',
      'pt-BR':
        'Professor: recomeça do zero — as páginas limpam a conversa e os números, e o medidor é zerado.',
    },
    example: (b) => `curl -s ${OPERATOR} -X POST '${b}/api/class/clear' ${JSON_HEADER}`,
  },
  {
    method: 'GET',
    path: '/api/class/presets',
    does: {
      en: 'The experiments a class can run together, with their settings.',
      'pt-BR': 'Os experimentos que a turma pode fazer junta, com as configurações de cada um.',
    },
    example: (b) => `curl -s ${STUDENT} '${b}/api/class/presets'`,
  },
  {
    method: 'POST',
    path: '/api/class/experiments',
    does: {
      en: 'Instructor: start an experiment; after a countdown, every page measures from startsAt to endsAt.',
      'pt-BR':
        'Professor: inicia um experimento; depois de uma contagem regressiva, todas as páginas medem de startsAt a endsAt.',
    },
    example: (b) =>
      `curl -s ${OPERATOR} -X POST '${b}/api/class/experiments' ${JSON_HEADER} -d '{"preset":"race","durationS":30}'`,
  },
  {
    method: 'POST',
    path: '/api/class/experiments/:id/results',
    does: {
      en: "A page's result once the experiment has ended (up to 20 s after).",
      'pt-BR': 'O resultado de uma página quando o experimento termina (até 20 s depois).',
    },
    example: (b) =>
      `curl -s ${STUDENT} -X POST '${b}/api/class/experiments/e1/results' ${JSON_HEADER} -d '{"client":"me","transports":{}}'`,
  },
  {
    method: 'GET',
    path: '/api/class/experiments/:id',
    does: {
      en: "An experiment's results and the class's summary (latest: the last one; add .csv for a spreadsheet).",
      'pt-BR':
        'Os resultados de um experimento e o resumo da turma (latest: o último; com .csv, para planilha).',
    },
    example: (b) => `curl -s ${STUDENT} '${b}/api/class/experiments/latest.csv'`,
  },
]
