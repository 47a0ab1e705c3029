import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback proxy in front of the real team backend, whose behaviour the test switches while
 * the extension talks to it (the member's `Team server` is the proxy's address):
 * - `pass`: forwards everything;
 * - `refuse`: the push answers 503 at once (changes pile up in the outbox, the rest passes);
 * - `error-500`, `malformed`: the sync routes (not the channel) answer 500, or JSON cut short;
 * - `hold-answer`: the push reaches the backend, which applies it, and its answer never comes
 *   back: a push "in flight" when the worker is stopped;
 * - `hang`: every request is accepted and not answered (a backend stuck behind its socket); those
 *   the client has not given up on go through once the mode changes (a very late answer).
 * It keeps the mutation ids of every push it saw, and whether the backend answered it.
 */
export type ProxyMode = 'pass' | 'refuse' | 'error-500' | 'malformed' | 'hold-answer' | 'hang';

export interface SeenPush {
  mutationIds: string[];
  /** The backend's results, once it answered (whether or not the client got them). */
  results: Array<{ mutationId: string; status: string }> | null;
}

export interface BackendProxy {
  url: string;
  mode(): ProxyMode;
  set(mode: ProxyMode): void;
  pushes: SeenPush[];
  /** Resolves once the backend has answered `count` pushes. */
  backendAnswered(count: number, timeoutMs?: number): Promise<void>;
  /** Requests accepted in `hang` mode so far. */
  hung(): number;
  close(): Promise<void>;
}

export async function startBackendProxy(target: string): Promise<BackendProxy> {
  /** Answers never to be given (`hold-answer`). */
  const held = new Set<http.ServerResponse>();
  /** Requests stuck in `hang`, and how to let each through. */
  const hanging = new Map<http.ServerResponse, () => void>();
  let hungCount = 0;
  let mode: ProxyMode = 'pass';
  const waiters: Array<() => void> = [];
  const proxy: BackendProxy = {
    url: '',
    mode: () => mode,
    set(next) {
      mode = next;
      if (next === 'hang') return;
      const stuck = [...hanging.values()];
      hanging.clear();
      for (const letThrough of stuck) letThrough();
    },
    pushes: [],
    async backendAnswered(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (proxy.pushes.filter((p) => p.results).length < count) {
        if (Date.now() > deadline) throw new Error(`the backend answered ${proxy.pushes.filter((p) => p.results).length} of ${count} pushes`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    hung: () => hungCount,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of [...held, ...hanging.keys()]) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (mode === 'hang' && request.url?.startsWith('/v1/')) {
        hungCount += 1;
        hanging.set(response, () => forward(request, body, response));
        response.on('close', () => hanging.delete(response));
        return;
      }
      forward(request, body, response);
    });
  });

  function forward(request: http.IncomingMessage, body: Buffer, response: http.ServerResponse): void {
    if (response.destroyed) return;
    const isPush = request.method === 'POST' && request.url === '/v1/sync/push';
    const cors = { 'access-control-allow-origin': request.headers.origin ?? '*', 'content-type': 'application/json' };
    if (mode === 'refuse' && isPush) {
      response.writeHead(503, cors).end('{"error":{"code":"unavailable","message":"the test keeps the door shut"}}');
      return;
    }
    const syncRoute = request.method !== 'OPTIONS' && request.url?.startsWith('/v1/sync/') && !request.url.startsWith('/v1/sync/channel');
    if (mode === 'error-500' && syncRoute) {
      response.writeHead(500, cors).end('{"error":{"code":"internal","message":"boom"}}');
      return;
    }
    if (mode === 'malformed' && syncRoute) {
      response.writeHead(200, cors).end('{"results": [ {"mutationId": 42, "status": "applied"');
      return;
    }
    let seen: SeenPush | null = null;
    if (isPush) {
      const { mutations } = JSON.parse(body.toString('utf8')) as { mutations: Array<{ mutationId: string }> };
      seen = { mutationIds: mutations.map((m) => m.mutationId), results: null };
      proxy.pushes.push(seen);
    }
    const holdAnswer = mode === 'hold-answer';
    const upstream = http.request(`${target}${request.url}`, { method: request.method, headers: request.headers }, (answer) => {
      if (!seen) {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        return;
      }
      const parts: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => parts.push(chunk));
      answer.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        try {
          seen.results = (JSON.parse(text) as { results: SeenPush['results'] }).results;
        } catch {
          seen.results = [];
        }
        for (const wake of waiters.splice(0)) wake();
        if (holdAnswer) {
          held.add(response);
          response.on('close', () => held.delete(response));
          return;
        }
        response.writeHead(answer.statusCode ?? 502, answer.headers).end(text);
      });
    });
    upstream.on('error', () => response.destroy());
    upstream.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
