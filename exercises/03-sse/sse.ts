// Exercise 03-sse: write and read the text/event-stream format of Server-Sent Events.
// Read task.en.md (or task.pt-BR.md) first. Run the tests with `npm run grade -- 03-sse`.

/** One event for the `text/event-stream` wire format. */
export interface SseMessage {
  data: string
  event?: string
  id?: string
  retry?: number
}

/** What the parser hands to its listener, as `EventSource` would in a `MessageEvent`. */
export interface SseEvent {
  type: string
  data: string
  lastEventId: string
}

/**
 * The block of lines for one event, ending with the blank line that dispatches it.
 *
 *   formatEvent({ data: 'hello' })                        // → 'data: hello\n\n'
 *   formatEvent({ data: 'a\nb', event: 'chat', id: '7' })
 *   // → 'event: chat\nid: 7\ndata: a\ndata: b\n\n'
 *
 * Order: event, id, retry (each only when given), then one `data: ` line per line of data.
 *
 * Traps:
 *  - a line of data may end with LF, CRLF or a lone CR: all three split it;
 *  - always write the space after `data:`, so data that starts with a space keeps it;
 *  - event or id with CR/LF would inject lines into the stream: throw a TypeError whose message
 *    starts with the field name; an id with NULL too (browsers would ignore it);
 *  - retry must be a non-negative safe integer (RangeError otherwise; 1e21 would be written as
 *    1e+21, which no parser reads); 0 is valid.
 */
export function formatEvent(message: SseMessage): string {
  // TODO(03-sse): your code here
  throw new Error(`TODO(03-sse): format ${JSON.stringify(message)} as an event-stream block`)
}

/**
 * The WHATWG HTML event-stream parser, fed with already-decoded text in chunks of any size.
 *
 *   const parser = new SseParser((event) => console.log(event))
 *   parser.push('id: 1\ndata: hel')
 *   parser.push('lo\n\n')
 *   // logs { type: 'message', data: 'hello', lastEventId: '1' }
 *
 * Traps:
 *  - lines end with CRLF, LF or a lone CR, and a CRLF may be cut between two chunks;
 *  - a BOM (U+FEFF) is stripped once, at the very start of the stream;
 *  - strip exactly one space after the colon; a line without colon is a field with value '';
 *  - a block without data is not dispatched, but its id still becomes lastEventId;
 *  - the event type lasts one event; lastEventId lasts until the next id;
 *  - an id containing NULL is ignored; retry is taken only if it is all ASCII digits;
 *  - an empty chunk changes nothing: a BOM or the LF of a CRLF may still follow it;
 *  - end() discards an event whose blank line never came, even if its last line is complete;
 *    it keeps lastEventId and retry, and the next push() starts a new stream (BOM skipped again).
 */
export class SseParser {
  /** Reconnection time in ms set by the last valid `retry` field; undefined until there is one. */
  retry: number | undefined = undefined
  /** The id a reconnection would send in `Last-Event-ID`. */
  lastEventId = ''

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: push() will call it
  readonly #onEvent: (event: SseEvent) => void
  // TODO(03-sse): add the state you need: the partial line, the data and event type buffers…

  constructor(onEvent: (event: SseEvent) => void) {
    this.#onEvent = onEvent
  }

  /** Parses the next piece of the stream; calls onEvent for each event a blank line completes. */
  push(chunk: string): void {
    // TODO(03-sse): your code here
    throw new Error(`TODO(03-sse): split ${JSON.stringify(chunk)} into lines and process them`)
  }

  /** The stream is over: discard what is pending; lastEventId and retry stay for the reconnection. */
  end(): void {
    // TODO(03-sse): your code here
    throw new Error('TODO(03-sse): discard the partial line and the event without its blank line')
  }
}
