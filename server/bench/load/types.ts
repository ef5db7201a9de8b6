/** The servers under test, each run in its own process by `host.ts`. */
export const TARGETS = ['wirelab', 'raw-ws', 'minimal-sse', 'socketio'] as const
export type TargetName = (typeof TARGETS)[number]

/** How the load generator's clients follow a room (one file each in `clients/`). */
export const CLIENT_KINDS = ['poll', 'longpoll', 'sse', 'ws', 'socketio'] as const
export type ClientKind = (typeof CLIENT_KINDS)[number]

/** One column of the results: a server and the way its clients follow it. */
export interface Column {
  target: TargetName
  transport: ClientKind
}

/** Every column the bench knows, in the order the tables show them. */
export const COLUMNS: readonly Column[] = [
  { target: 'wirelab', transport: 'poll' },
  { target: 'wirelab', transport: 'longpoll' },
  { target: 'wirelab', transport: 'sse' },
  { target: 'wirelab', transport: 'ws' },
  { target: 'raw-ws', transport: 'ws' },
  { target: 'minimal-sse', transport: 'sse' },
  { target: 'socketio', transport: 'socketio' },
]

export const columnLabel = ({ target, transport }: Column): string =>
  target === 'socketio' ? 'socketio (websocket)' : `${target} ${transport}`

/** What the host answers about its own process (cumulative figures; the bench takes deltas). */
export interface HostSample {
  /** `process.cpuUsage()`, µs. */
  cpu: { user: number; system: number }
  rssBytes: number
  heapUsedBytes: number
  /** Sums of `socket.bytesWritten` / `bytesRead` over every connection the server accepted. */
  bytesWritten: number
  bytesRead: number
  openConnections: number
  /** The event loop's delay since the previous sample, ms: high while the CPU use is low means
   * the process waited for a CPU, not for its own work. */
  loopDelayMs: { p99: number; max: number }
}

/** Bench → host. */
export type HostRequest =
  | { id: number; type: 'sample'; gc?: boolean }
  | { id: number; type: 'rate'; room: string; rate: number; size: number }
  | { id: number; type: 'produced'; room: string }
  | { id: number; type: 'stop' }

/** Host → bench. */
export type HostReply =
  | { type: 'ready'; url: string; pid: number }
  | { type: 'failed'; error: string }
  | { id: number; type: 'sample'; sample: HostSample }
  | { id: number; type: 'done'; produced?: number; error?: string }
