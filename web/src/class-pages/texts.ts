import { RESULT_FIELDS } from '../../../server/src/class/limits.ts'
import type { PresetId, TransportReport } from '../../../server/src/class/protocol.ts'
import type { Transport } from '../../../server/src/protocol.ts'
import { en as pageEn } from '../i18n/en.ts'
import type { Language, Plural, Texts } from '../i18n/index.ts'
import { ptBR as pagePtBR } from '../i18n/pt-BR.ts'

/** The class's figures of a transport: how many pages, then a page's own (`data-field`s too). */
export const SUMMARY_FIELDS = ['pages', ...RESULT_FIELDS] as const
export type SummaryField = (typeof SUMMARY_FIELDS)[number]

/** The class settings the instructor sets, in the order the form shows them. */
export const SETTING_FIELDS = [
  'tickerRate',
  'tickerSize',
  'pollIntervalMs',
  'longPollTimeoutMs',
  'wsHeartbeatMs',
] as const
export type SettingField = (typeof SETTING_FIELDS)[number]

/** Everything the join page and the class dashboard say, in one language. */
export interface ClassTexts {
  language: string
  theme: { label: string; light: string; dark: string; system: string }
  transports: Record<Transport, string>
  states: Record<TransportReport['state'], string>
  /** `{origin}`: the page's origin. */
  offline: string
  join: {
    title: string
    heading: string
    lead: string
    codeLabel: string
    codeHint: string
    nameLabel: string
    nameHint: string
    submit: string
    joining: string
    joined: string
    /** `{name}`: the student's name. */
    already: string
    openLab: string
    instructor: string
    openDashboard: string
    notClass: string
    errors: {
      wrongCode: string
      badName: string
      reservedName: string
      nameInUse: string
      tooManyTries: string
      offline: string
      /** `{message}`: the server's own sentence. */
      other: string
    }
  }
  dashboard: {
    title: string
    brand: string
    notInstructor: string
    notClass: string
    /** `{message}`: the server's own sentence. */
    failed: string
    joinPanel: {
      heading: string
      openAt: string
      code: string
      fullScreen: string
      leaveFullScreen: string
      otherUrls: string
      /** `{url}`: the join URL the QR code holds. */
      qrAlt: string
    }
    live: {
      heading: string
      waiting: string
      lost: string
      head: string
      messagesPerSecond: string
      students: string
      behind: string
      connected: string
      /** `{count}`: samples in the window. */
      latencyWindow: Plural
      bytesPerMessage: string
      reconnects: string
    }
    students: {
      heading: string
      name: string
      pages: string
      lastReport: string
      actions: string
      empty: string
      behind: string
      muted: string
      mute: string
      unmute: string
      lagTitle: string
      /** `{name}`, `{action}`. */
      muteLabel: string
    }
    settings: {
      heading: string
      hint: string
      fields: Record<SettingField, string>
      apply: string
      applied: string
    }
    drop: {
      heading: string
      hint: string
      /** `{transport}`. */
      button: string
      /** `{transport}`, `{count}`. */
      done: Plural
    }
    clear: { button: string; confirm: string; done: string }
    experiments: {
      heading: string
      duration: string
      start: string
      /** `{duration}`, `{rate}`, `{size}`. */
      facts: string
      /** `{name}`, `{seconds}`. */
      countdown: string
      running: string
      /** `{name}`, `{count}`. */
      collecting: Plural
      /** `{name}`, `{count}`. */
      ended: Plural
      busy: string
      /** `{message}`. */
      failed: string
    }
  }
  /** Each preset's name and one sentence; `{poll}`, `{rate}`, `{duration}`, `{delay}`, `{dropAt}` are its figures, `{jitter}` " (± 20 ms)" or nothing. */
  presets: Record<PresetId, { name: string; description: string }>
  result: {
    heading: string
    none: string
    /** `{name}`, `{seconds}`. */
    running: string
    noResults: string
    /** `{name}`, `{date}`, `{count}`: the pages that sent a result. */
    meta: Plural
    chartTitle: string
    perTransport: string
    perPage: string
    student: string
    transport: string
    fields: Record<SummaryField, string>
    export: string
    csv: string
    json: string
    offline: string
    notMember: string
  }
}

const en: PageTermsLeftOut = {
  language: 'Language',
  theme: { label: 'Theme', light: 'Light', dark: 'Dark', system: 'Automatic' },
  offline:
    'The wirelab server does not answer at {origin}. Start it in class mode (npm start -- --class); this page tries again by itself.',
  join: {
    title: 'Join the class · wirelab',
    heading: 'Join the class',
    lead: 'Type the class code shown on the screen and the name the class will see next to your messages.',
    codeLabel: 'Class code',
    codeHint: 'Letters and digits, as your instructor shows them.',
    nameLabel: 'Your name',
    nameHint: "1 to 32 characters: letters, digits, spaces and . ' - _",
    submit: 'Join',
    joining: 'Joining…',
    joined: 'You are in. Opening the lab…',
    already: 'This browser has already joined the class as {name}.',
    openLab: 'Open the lab',
    instructor: 'This browser is the instructor’s.',
    openDashboard: 'Open the class dashboard',
    notClass: 'This server is not running a class: open the lab directly.',
    errors: {
      wrongCode: 'That class code is not right. Check it on the screen and type it again.',
      badName:
        "That name cannot be used: write 1 to 32 characters with at least one letter, using only letters, digits, spaces and . ' - _",
      reservedName:
        'That name is reserved (like “instructor”, “admin” or “system”). Choose another one.',
      nameInUse:
        'Someone connected right now is using that name. If it is you on another device, wait 30 seconds and try again, or choose another name.',
      tooManyTries:
        'Too many wrong codes from this address in a minute. Wait a minute and try again.',
      offline:
        'The server does not answer. Check that you are on the same network as the instructor and try again.',
      other: 'The server refused: {message}',
    },
  },
  dashboard: {
    title: 'Class dashboard · wirelab',
    brand: 'class dashboard',
    notInstructor:
      'This dashboard is the instructor’s. Open the dashboard link the server printed in its terminal: /class?operator=…',
    notClass: 'This server is not running a class. Start it with npm start -- --class.',
    failed: 'The server refused: {message}',
    joinPanel: {
      heading: 'Join the class',
      openAt: 'Scan the code or open this address:',
      code: 'Class code',
      fullScreen: 'Show full screen',
      leaveFullScreen: 'Leave full screen',
      otherUrls: 'Other addresses of this server',
      qrAlt: 'QR code of {url}',
    },
    live: {
      heading: 'Live',
      waiting: 'Waiting for the server’s first figures…',
      lost: 'The live figures stopped; reconnecting…',
      head: 'messages in the room',
      messagesPerSecond: 'messages per second',
      students: 'students',
      behind: 'behind',
      connected: 'pages connected',
      latencyWindow: {
        one: 'latency, last 30 s ({count} sample)',
        other: 'latency, last 30 s ({count} samples)',
      },
      bytesPerMessage: 'bytes per message',
      reconnects: 'reconnects',
    },
    students: {
      heading: 'Students',
      name: 'Name',
      pages: 'Pages',
      lastReport: 'Last report',
      actions: 'Actions',
      empty: 'No student is here right now: show the join panel.',
      behind: 'behind',
      muted: 'muted',
      mute: 'Mute',
      unmute: 'Unmute',
      lagTitle: 'state · messages behind the room',
      muteLabel: '{action} {name}',
    },
    settings: {
      heading: 'Class settings',
      hint: 'Every student page applies these and locks its own controls for them.',
      fields: {
        tickerRate: 'Ticker (messages per second)',
        tickerSize: 'Ticker message size (bytes)',
        pollIntervalMs: 'Polling interval (ms)',
        longPollTimeoutMs: 'Long-poll timeout (ms)',
        wsHeartbeatMs: 'WebSocket heartbeat (ms)',
      },
      apply: 'Apply to the class',
      applied: 'Applied to every student page.',
    },
    drop: {
      heading: 'Drop connections',
      hint: 'Closes that transport’s connections on every page of the class: watch how each one comes back.',
      button: 'Drop {transport}',
      done: {
        one: '{transport}: {count} connection closed.',
        other: '{transport}: {count} connections closed.',
      },
    },
    clear: {
      button: 'Clear the room',
      confirm:
        'Clear the room? Every page’s conversation and measurements start again from zero, and so do the class’s figures.',
      done: 'Room cleared.',
    },
    experiments: {
      heading: 'Experiments',
      duration: 'Duration (s)',
      start: 'Start',
      facts: '{duration} s · ticker {rate} msg/s · {size} B',
      countdown: '“{name}” starts in {seconds} s',
      running: '“{name}” is running: {seconds} s left',
      collecting: {
        one: '“{name}” ended: {count} page has sent its result so far…',
        other: '“{name}” ended: {count} pages have sent their results so far…',
      },
      ended: {
        one: '“{name}” ended: {count} page sent its result.',
        other: '“{name}” ended: {count} pages sent their results.',
      },
      busy: 'An experiment is already running: wait for it to end.',
      failed: 'Could not start: {message}',
    },
  },
  presets: {
    race: {
      name: 'Race',
      description:
        'Short polling every {poll} vs long polling vs SSE vs WebSocket, at {rate} msg/s for {duration} s.',
    },
    'delay-150': {
      name: '{delay} ms of delay',
      description:
        'The race on a slow network: every transport’s bytes wait {delay} ms{jitter} each way, for {duration} s.',
    },
    'drop-once': {
      name: 'One drop',
      description:
        'Every connection of every transport is cut {dropAt} s in: who resumes, how fast, and does anyone lose or repeat a message?',
    },
  },
  result: {
    heading: 'Result',
    none: 'No experiment yet: the result shows here when the first one ends.',
    running: '“{name}” is running: the result shows in {seconds} s.',
    noResults: 'No page has sent its result yet.',
    meta: {
      one: '“{name}”, {date} · {count} page',
      other: '“{name}”, {date} · {count} pages',
    },
    chartTitle: 'Latency per transport over the whole class',
    perTransport: 'Per transport',
    perPage: 'Per page',
    student: 'Student',
    transport: 'Transport',
    fields: {
      pages: 'Pages',
      received: 'Received',
      p50: 'p50',
      p95: 'p95',
      p99: 'p99',
      bytesPerMessage: 'Bytes/msg',
      reconnects: 'Reconnects',
      missing: 'Missing',
      repeated: 'Repeated',
    },
    export: 'Export',
    csv: 'CSV',
    json: 'JSON',
    offline: 'The lab server does not answer; this view tries again every 3 s.',
    notMember: 'Join the class first (/join) to see its results.',
  },
}

const ptBR: PageTermsLeftOut = {
  language: 'Idioma',
  theme: { label: 'Tema', light: 'Claro', dark: 'Escuro', system: 'Automático' },
  offline:
    'O servidor do wirelab não responde em {origin}. Inicie-o no modo turma (npm start -- --class); esta página tenta de novo sozinha.',
  join: {
    title: 'Entrar na turma · wirelab',
    heading: 'Entrar na turma',
    lead: 'Digite o código da turma que aparece na tela e o nome que a turma verá ao lado das suas mensagens.',
    codeLabel: 'Código da turma',
    codeHint: 'Letras e dígitos, como o professor mostra.',
    nameLabel: 'Seu nome',
    nameHint: "De 1 a 32 caracteres: letras, dígitos, espaços e . ' - _",
    submit: 'Entrar',
    joining: 'Entrando…',
    joined: 'Pronto, você entrou. Abrindo o lab…',
    already: 'Este navegador já entrou na turma como {name}.',
    openLab: 'Abrir o lab',
    instructor: 'Este navegador é o do professor.',
    openDashboard: 'Abrir o painel da turma',
    notClass: 'Este servidor não está no modo turma: abra o lab diretamente.',
    errors: {
      wrongCode: 'Esse código da turma está incorreto. Confira na tela e digite de novo.',
      badName:
        "Esse nome não pode ser usado: escreva de 1 a 32 caracteres, com pelo menos uma letra, usando só letras, dígitos, espaços e . ' - _",
      reservedName:
        'Esse nome é reservado (como “professor”, “admin” ou “sistema”). Escolha outro.',
      nameInUse:
        'Alguém conectado agora está usando esse nome. Se for você em outro aparelho, espere 30 segundos e tente de novo, ou escolha outro nome.',
      tooManyTries:
        'Muitos códigos errados deste endereço no último minuto. Espere um minuto e tente de novo.',
      offline:
        'O servidor não responde. Confira se você está na mesma rede que o professor e tente de novo.',
      other: 'O servidor recusou: {message}',
    },
  },
  dashboard: {
    title: 'Painel da turma · wirelab',
    brand: 'painel da turma',
    notInstructor:
      'Este painel é do professor. Abra o link do painel que o servidor mostrou no terminal: /class?operator=…',
    notClass: 'Este servidor não está no modo turma. Inicie-o com npm start -- --class.',
    failed: 'O servidor recusou: {message}',
    joinPanel: {
      heading: 'Entre na turma',
      openAt: 'Leia o QR code ou abra este endereço:',
      code: 'Código da turma',
      fullScreen: 'Mostrar em tela cheia',
      leaveFullScreen: 'Sair da tela cheia',
      otherUrls: 'Outros endereços deste servidor',
      qrAlt: 'QR code de {url}',
    },
    live: {
      heading: 'Ao vivo',
      waiting: 'Aguardando os primeiros números do servidor…',
      lost: 'Os números ao vivo pararam; reconectando…',
      head: 'mensagens na sala',
      messagesPerSecond: 'mensagens por segundo',
      students: 'estudantes',
      behind: 'atrasados',
      connected: 'páginas conectadas',
      latencyWindow: {
        one: 'latência, últimos 30 s ({count} amostra)',
        other: 'latência, últimos 30 s ({count} amostras)',
      },
      bytesPerMessage: 'bytes por mensagem',
      reconnects: 'reconexões',
    },
    students: {
      heading: 'Estudantes',
      name: 'Nome',
      pages: 'Páginas',
      lastReport: 'Último relatório',
      actions: 'Ações',
      empty: 'Nenhum estudante presente agora: mostre o painel de entrada.',
      behind: 'atrasado',
      muted: 'silenciado',
      mute: 'Silenciar',
      unmute: 'Reativar',
      lagTitle: 'estado · mensagens de atraso em relação à sala',
      muteLabel: '{action} {name}',
    },
    settings: {
      heading: 'Configurações da turma',
      hint: 'Todas as páginas dos estudantes aplicam estes valores e bloqueiam os controles correspondentes.',
      fields: {
        tickerRate: 'Ticker (mensagens por segundo)',
        tickerSize: 'Tamanho da mensagem do ticker (bytes)',
        pollIntervalMs: 'Intervalo do polling (ms)',
        longPollTimeoutMs: 'Tempo limite do long polling (ms)',
        wsHeartbeatMs: 'Heartbeat do WebSocket (ms)',
      },
      apply: 'Aplicar à turma',
      applied: 'Aplicado a todas as páginas dos estudantes.',
    },
    drop: {
      heading: 'Derrubar conexões',
      hint: 'Fecha as conexões desse transporte em todas as páginas da turma: observe como cada uma volta.',
      button: 'Derrubar {transport}',
      done: {
        one: '{transport}: {count} conexão fechada.',
        other: '{transport}: {count} conexões fechadas.',
      },
    },
    clear: {
      button: 'Limpar a sala',
      confirm:
        'Limpar a sala? A conversa e as medições de todas as páginas recomeçam do zero, assim como os números da turma.',
      done: 'Sala limpa.',
    },
    experiments: {
      heading: 'Experimentos',
      duration: 'Duração (s)',
      start: 'Iniciar',
      facts: '{duration} s · ticker {rate} msg/s · {size} B',
      countdown: '“{name}” começa em {seconds} s',
      running: '“{name}” em andamento: faltam {seconds} s',
      collecting: {
        one: '“{name}” terminou: {count} página enviou o resultado até agora…',
        other: '“{name}” terminou: {count} páginas enviaram o resultado até agora…',
      },
      ended: {
        one: '“{name}” terminou: {count} página enviou o resultado.',
        other: '“{name}” terminou: {count} páginas enviaram o resultado.',
      },
      busy: 'Já há um experimento em andamento: espere que ele termine.',
      failed: 'Não foi possível iniciar: {message}',
    },
  },
  presets: {
    race: {
      name: 'Corrida',
      description:
        'Short polling a cada {poll} contra long polling, SSE e WebSocket, a {rate} msg/s durante {duration} s.',
    },
    'delay-150': {
      name: 'Atraso de {delay} ms',
      description:
        'A corrida numa rede lenta: os bytes de cada transporte esperam {delay} ms{jitter} em cada sentido, durante {duration} s.',
    },
    'drop-once': {
      name: 'Uma queda',
      description:
        'Todas as conexões de todos os transportes caem aos {dropAt} s: quem retoma, em quanto tempo, e alguém perde ou repete mensagem?',
    },
  },
  result: {
    heading: 'Resultado',
    none: 'Nenhum experimento ainda: o resultado aparece aqui quando o primeiro terminar.',
    running: '“{name}” em andamento: o resultado aparece em {seconds} s.',
    noResults: 'Nenhuma página enviou o resultado ainda.',
    meta: {
      one: '“{name}”, {date} · {count} página',
      other: '“{name}”, {date} · {count} páginas',
    },
    chartTitle: 'Latência por transporte, na turma toda',
    perTransport: 'Por transporte',
    perPage: 'Por página',
    student: 'Estudante',
    transport: 'Transporte',
    fields: {
      pages: 'Páginas',
      received: 'Recebidas',
      p50: 'p50',
      p95: 'p95',
      p99: 'p99',
      bytesPerMessage: 'Bytes/msg',
      reconnects: 'Reconexões',
      missing: 'Perdidas',
      repeated: 'Repetidas',
    },
    export: 'Exportar',
    csv: 'CSV',
    json: 'JSON',
    offline: 'O servidor do lab não responde; esta tela tenta de novo a cada 3 s.',
    notMember: 'Entre na turma primeiro (/join) para ver os resultados.',
  },
}

/** The class's own words; the transports' and their states' are the lab page's. */
type PageTermsLeftOut = Omit<ClassTexts, 'transports' | 'states'>

/**
 * Transports (their short names, as the conversation's chips say them) and their states are named as
 * the lab page names them: one term per concept.
 */
function withPageTerms(texts: PageTermsLeftOut, page: Texts): ClassTexts {
  const transports = Object.fromEntries(
    Object.entries(page.transports).map(([transport, words]) => [transport, words.short]),
  ) as Record<Transport, string>
  return { ...texts, transports, states: page.states }
}

export const CLASS_TEXTS: Record<Language, ClassTexts> = {
  en: withPageTerms(en, pageEn),
  'pt-BR': withPageTerms(ptBR, pagePtBR),
}
