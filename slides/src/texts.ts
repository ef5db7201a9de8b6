import type { Language } from '../../web/src/i18n/index.ts'

/** The frame header's fields, in the order RFC 6455 §5.2 draws them. */
export const FRAME_FIELDS = [
  'fin',
  'rsv',
  'opcode',
  'mask',
  'length',
  'extended',
  'key',
  'payload',
] as const
export type FrameField = (typeof FRAME_FIELDS)[number]

export interface DeckTexts {
  /** The language switch's label for the other language. */
  otherLanguage: string
  live: {
    /** Above a live view: where it comes from. */
    badge: string
    open: string
    /** The fallback's sentence when the lab server does not answer. */
    offline: string
    /** The fallback's sentence in a printed deck. */
    printed: string
    /** The fallback's sentence in the speaker view's previews. */
    speakerView: string
    /** The same for the class's result (`view="class-result"`), where they differ. */
    classResult: { badge: string; open: string; offline: string; printed: string; noClass: string }
  }
  frame: {
    caption: string
    bit: string
    hint: string
    fields: Record<FrameField, { name: string; size: string; meaning: string }>
  }
}

const en: DeckTexts = {
  otherLanguage: 'Português',
  live: {
    badge: 'live · measured now by the lab server',
    open: 'Open in the lab ↗',
    offline:
      'The lab server does not answer, so this is the picture instead of the live demo. Start it with npm start and open {url}.',
    printed: 'In the classroom this slide is live: npm start, then {url}.',
    speakerView: 'Live on the main screen.',
    classResult: {
      badge: 'live · the class’s latest experiment, measured by every page',
      open: 'Open the dashboard ↗',
      offline:
        'The lab server does not answer, so this is the picture instead of the class’s result. Start a class with npm start -- --class, run an experiment from the dashboard, and open {url}.',
      printed:
        'In the classroom this slide shows the class’s own result: npm start -- --class, an experiment from the dashboard, then {url}.',
      noClass:
        'This server runs no class, so this is the picture instead of the class’s result. Start one with npm start -- --class, run an experiment from the dashboard, and open {url}.',
    },
  },
  frame: {
    caption: 'The base framing protocol, RFC 6455 §5.2: one row is 32 bits, bit 0 on the left.',
    bit: 'bit',
    hint: 'Point at a field.',
    fields: {
      fin: {
        name: 'FIN',
        size: '1 bit',
        meaning: '1: this frame ends the message. 0: more fragments follow (opcode 0).',
      },
      rsv: {
        name: 'RSV1–3',
        size: '3 bits',
        meaning:
          'Reserved for extensions. 0 unless one was agreed in the handshake (permessage-deflate sets RSV1).',
      },
      opcode: {
        name: 'opcode',
        size: '4 bits',
        meaning:
          'What the payload is: 0x0 continuation, 0x1 text, 0x2 binary, 0x8 close, 0x9 ping, 0xA pong.',
      },
      mask: {
        name: 'MASK',
        size: '1 bit',
        meaning:
          '1 when a masking key follows. Every frame from a client is masked; no frame from a server is.',
      },
      length: {
        name: 'Payload len',
        size: '7 bits',
        meaning: '0–125: the length itself. 126: a 16-bit length follows. 127: a 64-bit one.',
      },
      extended: {
        name: 'Extended payload length',
        size: '16 or 64 bits',
        meaning: 'Present only when Payload len is 126 (16 bits) or 127 (64 bits).',
      },
      key: {
        name: 'Masking key',
        size: '0 or 32 bits',
        meaning:
          'Four random bytes, new for every frame; payload byte i is XORed with key byte i mod 4.',
      },
      payload: {
        name: 'Payload data',
        size: 'the length',
        meaning: 'The application’s bytes: UTF-8 text for opcode 1, any bytes for opcode 2.',
      },
    },
  },
}

const ptBR: DeckTexts = {
  otherLanguage: 'English',
  live: {
    badge: 'ao vivo · medido agora pelo servidor do lab',
    open: 'Abrir no lab ↗',
    offline:
      'O servidor do lab não responde; por isso, no lugar da demonstração ao vivo, fica esta figura. Inicie-o com npm start e abra {url}.',
    printed: 'Em sala, este slide é ao vivo: npm start e depois {url}.',
    speakerView: 'Ao vivo na tela principal.',
    classResult: {
      badge: 'ao vivo · o último experimento da turma, medido por todas as páginas',
      open: 'Abrir o painel da turma ↗',
      offline:
        'O servidor do lab não responde; por isso, no lugar do resultado da turma, fica esta figura. Inicie uma turma com npm start -- --class, dispare um experimento pelo painel e abra {url}.',
      printed:
        'Em sala, este slide mostra o resultado da própria turma: npm start -- --class, um experimento disparado pelo painel e depois {url}.',
      noClass:
        'Este servidor não está com uma turma; por isso, no lugar do resultado da turma, fica esta figura. Inicie uma com npm start -- --class, dispare um experimento pelo painel e abra {url}.',
    },
  },
  frame: {
    caption:
      'O enquadramento básico, RFC 6455 §5.2: cada linha tem 32 bits, com o bit 0 à esquerda.',
    bit: 'bit',
    hint: 'Aponte para um campo.',
    fields: {
      fin: {
        name: 'FIN',
        size: '1 bit',
        meaning: '1: este frame encerra a mensagem. 0: vêm mais fragmentos (opcode 0).',
      },
      rsv: {
        name: 'RSV1–3',
        size: '3 bits',
        meaning:
          'Reservados para extensões. Valem 0, a menos que uma tenha sido negociada no handshake (permessage-deflate liga o RSV1).',
      },
      opcode: {
        name: 'opcode',
        size: '4 bits',
        meaning:
          'O que o payload é: 0x0 continuação, 0x1 texto, 0x2 binário, 0x8 close, 0x9 ping, 0xA pong.',
      },
      mask: {
        name: 'MASK',
        size: '1 bit',
        meaning:
          '1 quando uma chave de máscara vem a seguir. Todo frame do cliente é mascarado; nenhum frame do servidor é.',
      },
      length: {
        name: 'tamanho do payload',
        size: '7 bits',
        meaning:
          '0–125: o próprio tamanho. 126: segue um tamanho de 16 bits. 127: segue um de 64 bits.',
      },
      extended: {
        name: 'tamanho estendido do payload',
        size: '16 ou 64 bits',
        meaning: 'Só existe quando o tamanho do payload vale 126 (16 bits) ou 127 (64 bits).',
      },
      key: {
        name: 'chave de máscara',
        size: '0 ou 32 bits',
        meaning:
          'Quatro bytes aleatórios, novos a cada frame; o byte i do payload passa por XOR com o byte i mod 4 da chave.',
      },
      payload: {
        name: 'payload',
        size: 'o tamanho',
        meaning: 'Os bytes da aplicação: texto UTF-8 no opcode 1, bytes quaisquer no opcode 2.',
      },
    },
  },
}

export const DECK_TEXTS: Record<Language, DeckTexts> = { en, 'pt-BR': ptBR }
