import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from '../../../lib/sync';

function all(chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('the text/event-stream parser of the push channel', () => {
  it('reads named events with JSON data, as the backend writes them', () => {
    const events = all(['event: changed\ndata: {"type":"changed","cursor":"12"}\n\n']);
    expect(events).toEqual([{ event: 'changed', data: '{"type":"changed","cursor":"12"}', id: null }]);
  });

  it('puts together an event split across chunks anywhere, even inside a field name or a CRLF', () => {
    const stream = 'event: changed\r\ndata: {"type":"changed","cursor":"7"}\r\n\r\nevent: presence\r\ndata: {"a":1}\r\n\r\n';
    const whole = all([stream]);
    expect(whole.map((e) => e.event)).toEqual(['changed', 'presence']);
    // every way of cutting the stream in two, and one byte at a time
    for (let cut = 0; cut <= stream.length; cut += 1) {
      expect(all([stream.slice(0, cut), stream.slice(cut)])).toEqual(whole);
    }
    expect(all([...stream])).toEqual(whole);
  });

  it('joins multi-line data with newlines, and drops the one space after the colon only', () => {
    const events = all(['data: first\ndata:second\ndata:  third\n\n']);
    expect(events).toEqual([{ event: 'message', data: 'first\nsecond\n third', id: null }]);
  });

  it('ignores comments (the heartbeat), unknown fields and events without data', () => {
    const events = all([': ping\n\n', ':\n', 'foo: bar\n', 'event: changed\n\n', 'data: x\n\n']);
    expect(events).toEqual([{ event: 'message', data: 'x', id: null }]);
  });

  it('accepts CR alone as a line end, keeps the last id and reads retry', () => {
    const parser = new SseParser();
    const events = parser.push('id: 5\rretry: 2500\rdata: a\r\rdata: b\r\r');
    expect(events).toEqual([
      { event: 'message', data: 'a', id: '5' },
      { event: 'message', data: 'b', id: '5' },
    ]);
    expect(parser.retryMs).toBe(2500);
  });

  it('does not dispatch an event until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('event: changed\ndata: {"type":"changed","cursor":"1"}\n')).toEqual([]);
    expect(parser.push('\n')).toHaveLength(1);
  });
});
