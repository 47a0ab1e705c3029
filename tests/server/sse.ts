/** Reads server-sent events from an in-process response for a while (or until `until` says so). */
export interface SseEvent {
  event: string;
  data: unknown;
}

export async function readEvents(res: Response, ms: number, until?: (events: SseEvent[]) => boolean): Promise<SseEvent[]> {
  if (!res.body) throw new Error(`no stream (status ${res.status})`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  const deadline = Date.now() + ms;
  try {
    while (Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), Math.max(0, deadline - Date.now())))),
      ]);
      clearTimeout(timer);
      if (chunk === null || chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length > 0) events.push({ event, data: JSON.parse(data.join('\n')) });
      }
      if (until?.(events)) break;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return events;
}
