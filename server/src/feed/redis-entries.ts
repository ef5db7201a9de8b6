import type { Message, MessageKind } from '../protocol.ts'

/** A Stream entry as ioredis gives it: [id, [field, value, …]]. */
export type Entry = [string, string[]]
/** A message as the append script publishes it (and stores it for its clientMsgId). */
export interface Published {
  epoch: string
  seq: number
  ts: string
  kind: MessageKind
  user: string
  text: string
  cid: string
}

/** A Stream entry (id `0-SEQ`) as a message of the room, its keys in the protocol's order. */
export function entryMessage(room: string, [id, fields]: Entry): Message {
  const value: Record<string, string> = {}
  for (let i = 0; i < fields.length; i += 2) value[fields[i] as string] = fields[i + 1] as string
  return {
    seq: Number(id.slice(2)),
    ts: Number(value.ts),
    room,
    kind: value.kind as MessageKind,
    user: value.user ?? '',
    text: value.text ?? '',
    ...(value.cid !== undefined && { clientMsgId: value.cid }),
  }
}

/** The published form as a message of the room, its keys in the protocol's order. */
export function publishedMessage(room: string, published: Published): Message {
  return {
    seq: published.seq,
    ts: Number(published.ts),
    room,
    kind: published.kind,
    user: published.user,
    text: published.text,
    ...(published.cid !== '' && { clientMsgId: published.cid }),
  }
}
