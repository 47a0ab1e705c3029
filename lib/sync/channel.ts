/**
 * The push channel: `GET /v1/sync/channel`, server-sent events read with fetch and a stream reader
 * (MV3 service workers have no EventSource, and EventSource cannot send the bearer token). The
 * engine pulls when a `changed` event names a cursor it does not have. In Chrome 116+ the events
 * and the backend's heartbeat comments keep the service worker alive while the stream is open;
 * the alarm-driven sync is the fallback when the worker was stopped anyway.
 *
 * The reader reconnects with backoff when the stream fails or ends, gives up after a 401/403 or an
 * `error` event saying the token was revoked, and treats a silent stream (no byte for
 * `idleTimeoutMs`, several heartbeats) as dead.
 */
import { ApiErrorSchema, ChannelEventSchema, type ChannelEvent } from '../model';
import { backoffDelay, CHANNEL_BACKOFF, type BackoffPolicy } from './backoff';
import { hostOf, realSetTimer, SyncError, type FetchLike, type ServerAccess, type SetTimer } from './http';
import { SseParser } from './sse';

export type ChannelStatus = 'connecting' | 'open' | 'closed';

export interface ChannelOptions {
  fetch: FetchLike;
  access: ServerAccess;
  onEvent: (event: ChannelEvent) => void;
  /** The token was refused: the channel has stopped for good. */
  onRevoked: (error: SyncError) => void;
  onStatus?: (status: ChannelStatus, error?: unknown) => void;
  /** Every chunk the stream delivers, heartbeats included (see startSync's `keepAlive`). */
  onActivity?: () => void;
  setTimer?: SetTimer;
  random?: () => number;
  /** No byte for this long means the stream is dead (the backend's heartbeat is 15 s by default). */
  idleTimeoutMs?: number;
  backoff?: BackoffPolicy;
}

export interface Channel {
  close(): void;
  /** Settles once the reader has stopped for good (closed or revoked). */
  readonly done: Promise<void>;
}

export const CHANNEL_IDLE_TIMEOUT_MS = 50_000;

export function openChannel(options: ChannelOptions): Channel {
  const setTimer = options.setTimer ?? realSetTimer;
  const random = options.random ?? Math.random;
  const idleMs = options.idleTimeoutMs ?? CHANNEL_IDLE_TIMEOUT_MS;
  let stopped = false;
  let controller: AbortController | null = null;
  let wakeSleep: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const cancel = setTimer(() => {
        wakeSleep = null;
        resolve();
      }, ms);
      wakeSleep = () => {
        cancel();
        wakeSleep = null;
        resolve();
      };
    });

  const revoked = (error: SyncError) => {
    stopped = true;
    options.onRevoked(error);
  };

  /** One connection: resolves when the stream ends or fails; `true` if it delivered an event. */
  async function once(): Promise<{ delivered: boolean; retryMs: number | null }> {
    const own = new AbortController();
    controller = own;
    const parser = new SseParser();
    let delivered = false;
    let disarm = () => {};
    const arm = () => {
      disarm();
      disarm = setTimer(() => own.abort(), idleMs);
    };
    try {
      options.onStatus?.('connecting');
      arm();
      const res = await options.fetch(`${options.access.serverUrl}/v1/sync/channel`, {
        headers: { Authorization: `Bearer ${options.access.token}`, Accept: 'text/event-stream' },
        signal: own.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      if (res.status === 401 || res.status === 403) {
        const body = ApiErrorSchema.safeParse(await res.json().catch(() => null));
        const code = body.success ? body.data.error.code : undefined;
        revoked(
          new SyncError('revoked', `The team server refused the access token (HTTP ${res.status}${body.success ? `: ${body.data.error.message}` : ''}).`, {
            status: res.status,
            ...(code ? { code } : {}),
          }),
        );
        return { delivered, retryMs: null };
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel().catch(() => undefined);
        throw new SyncError('server', `The push channel of ${hostOf(options.access.serverUrl)} answered HTTP ${res.status}.`, { status: res.status });
      }
      options.onStatus?.('open');
      const reader = res.body.getReader();
      // An abort (close, idle watchdog) must end a read in progress whatever the fetch implementation.
      own.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done || stopped) break;
          arm();
          options.onActivity?.();
          for (const event of parser.push(decoder.decode(value, { stream: true }))) {
            if (event.event === 'error') {
              let parsed: unknown = null;
              try {
                parsed = JSON.parse(event.data);
              } catch {
                // not JSON: treat as a plain stream end
              }
              const error = ApiErrorSchema.safeParse(parsed);
              const code = error.success ? error.data.error.code : undefined;
              if (code === 'token_revoked' || code === 'member_inactive' || code === 'invalid_token') {
                revoked(new SyncError('revoked', `The team server ended the push channel: ${error.success ? error.data.error.message : code}.`, { code }));
                return { delivered, retryMs: parser.retryMs };
              }
              continue;
            }
            let data: unknown;
            try {
              data = JSON.parse(event.data);
            } catch {
              continue; // not ours to understand: ignored, never acted upon
            }
            const parsed = ChannelEventSchema.safeParse(data);
            if (!parsed.success) continue;
            delivered = true;
            options.onEvent(parsed.data);
          }
        }
      } finally {
        await reader.cancel().catch(() => undefined);
      }
    } catch (error) {
      if (!stopped) options.onStatus?.('closed', error);
      return { delivered, retryMs: parser.retryMs };
    } finally {
      disarm();
      own.abort();
      if (controller === own) controller = null;
    }
    if (!stopped) options.onStatus?.('closed');
    return { delivered, retryMs: parser.retryMs };
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      const { delivered, retryMs } = await once();
      if (stopped) break;
      // A stream that worked and then ended is one failure; one that never worked counts up.
      failures = delivered ? 1 : failures + 1;
      await sleep(backoffDelay(failures, random, options.backoff ?? CHANNEL_BACKOFF, retryMs ?? 0));
    }
  }

  // Started after openChannel returns, so callbacks never run before the caller holds the Channel.
  const done = Promise.resolve().then(run);
  return {
    close() {
      stopped = true;
      controller?.abort();
      wakeSleep?.();
    },
    done,
  };
}
