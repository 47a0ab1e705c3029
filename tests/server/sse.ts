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

/**
 * `readEvents`, watched while it reads: `started()` resolves once the first event arrived, that is
 * once the channel is subscribed to the team (the route subscribes before it writes anything), so
 * what a test publishes after it cannot be missed.
 */
export function watchEvents(res: Response, ms: number, until?: (events: SseEvent[]) => boolean) {
  let seen: SseEvent[] = [];
  let ended = false;
  const done = readEvents(res, ms, (events) => {
    seen = events;
    return until?.(events) ?? false;
  }).finally(() => {
    ended = true;
  });
  return {
    done,
    async started(): Promise<void> {
      while (seen.length === 0) {
        if (ended) throw new Error('the channel ended before its first event');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
