/**
 * A `text/event-stream` parser (the WHATWG "server-sent events" rules), for the push channel read
 * with fetch: MV3 service workers have no EventSource, and EventSource cannot send a bearer token.
 * Feed it decoded text in whatever chunks the network delivers; it returns the complete events.
 */

export interface SseEvent {
  /** `message` when the stream named none. */
  event: string;
  data: string;
  id: string | null;
}

export class SseParser {
  private buffer = '';
  /** The previous chunk ended with CR: an LF at the start of the next one belongs to that line end. */
  private skipLeadingLf = false;
  private data: string[] = [];
  private eventName = '';
  private lastId: string | null = null;
  /** The stream's `retry:` field (ms), if it sent one. */
  retryMs: number | null = null;

  /** Takes the next piece of the stream; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    let text = chunk;
    if (this.skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLeadingLf = false;
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A CR at the very end may be the first half of CRLF split across chunks.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) {
        this.skipLeadingLf = true;
      }
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null; // a comment: heartbeats
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.eventName = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
      // unknown fields are ignored
    }
    return null;
  }

  private dispatch(): SseEvent | null {
    const name = this.eventName || 'message';
    this.eventName = '';
    if (this.data.length === 0) return null;
    const event: SseEvent = { event: name, data: this.data.join('\n'), id: this.lastId };
    this.data = [];
    return event;
  }
}
