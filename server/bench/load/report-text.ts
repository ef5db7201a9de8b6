import type { Lang } from './options.ts'
import type { Pinning } from './pinning.ts'

/** Everything report.html says, in English and in Brazilian Portuguese. */
export interface ReportText {
  title: string
  intro: string
  machine: string
  facts: {
    date: string
    cpu: string
    load: string
    node: string
    pinning: string
    files: string
    duration: string
  }
  /** How the servers and the load generator shared the CPUs, said in this language. */
  pinning: (pinning: Pinning) => string
  /** The words of the target table's rows (goals.ts); numbers are written alike in both. */
  goalRows: {
    notMeasured: string
    vs: string
    wsVsRaw: string
    wsBelowSocketIo: string
    sseVsMinimal: string
    capacity: (name: string, rate: number, p95: number) => string
    clients: string
    longPolling: string
    idle: (name: string) => string
    latency: string
    latencyTarget: string
    meter: (name: string) => string
  }
  latencyTitle: (clients: number) => string
  latencyMethod: string
  latencyAxis: [string, string]
  cpuTitle: string
  cpuMethod: string
  cpuAxis: string
  bytesTitle: string
  bytesMethod: string
  bytesAxis: string
  capacityTitle: (rate: number, limit: number) => string
  capacityMethod: string
  capacityAxis: [string, string]
  idleTitle: string
  idleMethod: string
  idleAxis: string
  oneTitle: string
  oneMethod: string
  oneAxis: string
  meterTitle: string
  meterMethod: string
  meterAxis: string
  meterOn: string
  meterOff: string
  stepsTitle: string
  stepsNote: string
  goalsTitle: string
  goalHeaders: string[]
  goalsNote: string
  saturated: string
  skipped: string
  yes: string
  no: string
}

const en: ReportText = {
  title: 'wirelab load bench',
  intro:
    'Each server under test ran in a process of its own; the clients ran in the bench process. Every server produced its messages itself at the same rate and on the same schedule (wirelab through its ticker). Latency is arrival time minus the server timestamp, both from Date.now() on the same machine: 1 ms resolution. Socket.IO clients used the websocket transport only.',
  machine: 'Machine',
  facts: {
    date: 'date',
    cpu: 'CPU',
    load: 'load average (1, 5, 15 min) at start → end',
    node: 'Node.js',
    pinning: 'CPU pinning',
    files: 'open file limit',
    duration: 'run time',
  },
  pinning: (p) =>
    p.used
      ? `taskset: servers on CPU ${p.serverCpus}, load generator on CPU ${p.generatorCpus}`
      : {
          off: 'off (--no-pin)',
          platform: 'not on this system (Linux only)',
          'no-taskset': 'taskset not found',
          'one-cpu': 'one CPU only: servers and clients share it',
          failed: 'taskset -apc failed',
        }[p.reason ?? 'failed'],
  goalRows: {
    notMeasured: 'not measured',
    vs: 'vs',
    wsVsRaw: 'WebSocket CPU per message ÷ raw ws',
    wsBelowSocketIo: 'WebSocket CPU per message below Socket.IO’s',
    sseVsMinimal: 'SSE CPU per message ÷ minimal SSE',
    capacity: (name, rate, p95) => `${name} capacity at ${rate} msg/s, p95 ≤ ${p95} ms`,
    clients: 'clients',
    longPolling: 'long polling',
    idle: (name) => `memory per idle ${name} connection (server RSS; heap)`,
    latency: 'one subscriber, WebSocket latency p50 vs raw ws',
    latencyTarget: '≤ 1.3× raw ws (± 1 ms)',
    meter: (name) => `meter on ÷ off, ${name} messages per server CPU-second`,
  },
  latencyTitle: (n) => `Latency distribution, ${n} clients per column`,
  latencyMethod:
    'Share of the deliveries of the measured window (y) that arrived within x ms of being produced. The x axis is logarithmic (log of ms + 1). Short polling waits up to its interval by design; long polling adds a request per message.',
  latencyAxis: ['latency, ms (log scale)', 'deliveries within, %'],
  cpuTitle: 'Server CPU per delivered message',
  cpuMethod:
    'CPU time (user + system) of the server process over the measured window, read with process.cpuUsage() inside it, divided by the messages its clients received in that window. Lower is better.',
  cpuAxis: 'µs per message',
  bytesTitle: 'Bytes written per delivered message',
  bytesMethod:
    "Bytes the server's sockets wrote in the window (sum of socket.bytesWritten over its connections: HTTP heads, chunked framing, WebSocket frame headers included) divided by the messages delivered.",
  bytesAxis: 'bytes per message',
  capacityTitle: (rate, limit) =>
    `Capacity: p95 latency as clients grow (${rate} msg/s, limit ${limit} ms)`,
  capacityMethod:
    'The websocket-shootout method: the number of clients grows step by step until p95 passes the limit (dashed line), a message is lost or a client cannot connect. Both axes are logarithmic. The last point under the line is the capacity.',
  capacityAxis: ['clients', 'p95 latency, ms (log scale)'],
  idleTitle: 'Server memory per idle connection',
  idleMethod:
    'Growth of the server process’s resident memory (RSS) when N more idle clients connect, divided by N, measured after N/2 already connected (they carry what a server allocates once, whatever its count); a garbage collection runs before each reading.',
  idleAxis: 'KiB per connection',
  oneTitle: 'One subscriber: latency p50 and p95',
  oneMethod:
    'A single client per column at a low rate: what the transport itself adds when the server is not loaded.',
  oneAxis: 'ms',
  meterTitle: 'Cost of the wire meter',
  meterMethod:
    'Delivered messages per server CPU-second with wirelab’s wire meter on and off (--no-meter), same clients and rate, each pair measured at the same time. Target: on ÷ off ≥ 0.95.',
  meterAxis: 'messages per CPU-second',
  meterOn: 'meter on',
  meterOff: 'meter off',
  stepsTitle: 'Every step',
  stepsNote:
    'lost: seqs a client skipped (never delivered); late: still on their way 5 s after the producer stopped; dup: received twice; err: requests or connections that failed after connecting. gen CPU: the load generator’s own CPU, % of one core — near 100 % it, not the server, set the latency.',
  goalsTitle: 'The issue’s targets',
  goalHeaders: ['target', 'measured', 'wanted', 'met?'],
  goalsNote: 'The bounds issue 12 sets, each measured in this run.',
  saturated:
    'The load generator used more than 90 % of a core in some steps: their latency says more about the clients than about the server.',
  skipped: 'Left out by the time limit',
  yes: 'yes',
  no: 'no',
}

const ptBR: ReportText = {
  title: 'Bench de carga do wirelab',
  intro:
    'Cada servidor testado rodou em um processo próprio; os clientes rodaram no processo do bench. Todos os servidores produziram as próprias mensagens na mesma taxa e com o mesmo agendamento (o wirelab pelo seu ticker). A latência é o instante de chegada menos o timestamp do servidor, ambos lidos com Date.now() na mesma máquina: resolução de 1 ms. Os clientes Socket.IO usaram apenas o transporte websocket.',
  machine: 'Máquina',
  facts: {
    date: 'data',
    cpu: 'CPU',
    load: 'carga média (1, 5, 15 min) no início → no fim',
    node: 'Node.js',
    pinning: 'fixação de CPU',
    files: 'limite de arquivos abertos',
    duration: 'duração',
  },
  pinning: (p) =>
    p.used
      ? `taskset: servidores na CPU ${p.serverCpus}, gerador de carga na CPU ${p.generatorCpus}`
      : {
          off: 'desligada (--no-pin)',
          platform: 'não neste sistema (só no Linux)',
          'no-taskset': 'taskset não encontrado',
          'one-cpu': 'uma CPU só: servidores e clientes a dividem',
          failed: 'o taskset -apc falhou',
        }[p.reason ?? 'failed'],
  goalRows: {
    notMeasured: 'não medido',
    vs: 'contra',
    wsVsRaw: 'CPU por mensagem do WebSocket ÷ ws puro',
    wsBelowSocketIo: 'CPU por mensagem do WebSocket abaixo da do Socket.IO',
    sseVsMinimal: 'CPU por mensagem do SSE ÷ SSE mínimo',
    capacity: (name, rate, p95) => `capacidade do ${name} a ${rate} msg/s, p95 ≤ ${p95} ms`,
    clients: 'clientes',
    longPolling: 'long polling',
    idle: (name) => `memória por conexão ${name} ociosa (RSS do servidor; heap)`,
    latency: 'um assinante, latência p50 do WebSocket contra ws puro',
    latencyTarget: '≤ 1.3× ws puro (± 1 ms)',
    meter: (name) =>
      `medidor de tráfego ligado ÷ desligado, mensagens ${name} por segundo de CPU do servidor`,
  },
  latencyTitle: (n) => `Distribuição da latência, ${n} clientes por coluna`,
  latencyMethod:
    'Fração das entregas da janela medida (y) que chegaram em até x ms depois de produzidas. O eixo x é logarítmico (log de ms + 1). O short polling espera até o seu intervalo por construção; o long polling acrescenta uma requisição por mensagem.',
  latencyAxis: ['latência, ms (escala log)', 'entregas em até x, %'],
  cpuTitle: 'CPU do servidor por mensagem entregue',
  cpuMethod:
    'Tempo de CPU (usuário + sistema) do processo do servidor na janela medida, lido com process.cpuUsage() dentro dele, dividido pelas mensagens que os clientes receberam nessa janela. Menor é melhor.',
  cpuAxis: 'µs por mensagem',
  bytesTitle: 'Bytes escritos por mensagem entregue',
  bytesMethod:
    'Bytes que os sockets do servidor escreveram na janela (soma de socket.bytesWritten das conexões, incluindo cabeçalhos HTTP, o enquadramento chunked e os cabeçalhos de frame do WebSocket) divididos pelas mensagens entregues.',
  bytesAxis: 'bytes por mensagem',
  capacityTitle: (rate, limit) =>
    `Capacidade: latência p95 conforme os clientes aumentam (${rate} msg/s, limite de ${limit} ms)`,
  capacityMethod:
    'O método do websocket-shootout: o número de clientes cresce passo a passo até o p95 passar do limite (linha tracejada), uma mensagem se perder ou um cliente não conseguir se conectar. Os dois eixos são logarítmicos. O último ponto abaixo da linha é a capacidade.',
  capacityAxis: ['clientes', 'latência p95, ms (escala log)'],
  idleTitle: 'Memória do servidor por conexão ociosa',
  idleMethod:
    'Aumento da memória residente (RSS) do processo do servidor quando mais N clientes ociosos se conectam, dividido por N, medido com N/2 já conectados (eles carregam o que um servidor aloca uma vez só, qualquer que seja o número de conexões); uma coleta de lixo roda antes de cada leitura.',
  idleAxis: 'KiB por conexão',
  oneTitle: 'Um assinante: latência p50 e p95',
  oneMethod:
    'Um único cliente por coluna, a uma taxa baixa: o que o próprio transporte acrescenta quando o servidor não está carregado.',
  oneAxis: 'ms',
  meterTitle: 'Custo do medidor de tráfego',
  meterMethod:
    'Mensagens entregues por segundo de CPU do servidor com o medidor de tráfego do wirelab ligado e desligado (--no-meter), mesmos clientes e mesma taxa, cada par medido ao mesmo tempo. Meta: ligado ÷ desligado ≥ 0,95.',
  meterAxis: 'mensagens por segundo de CPU',
  meterOn: 'medidor ligado',
  meterOff: 'medidor desligado',
  stepsTitle: 'Todos os passos',
  stepsNote:
    'lost: seqs que algum cliente pulou (nunca entregues); late: ainda a caminho 5 s depois de o produtor parar; dup: recebidas duas vezes; err: requisições ou conexões que falharam depois de conectadas. gen CPU: a CPU do próprio gerador de carga, em % de um núcleo — perto de 100 %, foi ele, e não o servidor, que determinou a latência.',
  goalsTitle: 'As metas da issue',
  goalHeaders: ['meta', 'medido', 'desejado', 'atingida?'],
  goalsNote: 'Os limites que a issue 12 define, cada um medido nesta execução.',
  saturated:
    'O gerador de carga usou mais de 90 % de um núcleo em alguns passos: a latência deles diz mais sobre os clientes do que sobre o servidor.',
  skipped: 'Deixados de fora pelo limite de tempo',
  yes: 'sim',
  no: 'não',
}

export const REPORT_TEXT: Record<Lang, ReportText> = { en, 'pt-BR': ptBR }
