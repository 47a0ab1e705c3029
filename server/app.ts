import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Database } from './db/client';
import { DEFAULT_APP_CONFIG, type AppConfig } from './env';
import { mountRoutes, type AnyRoute, type AppDeps } from './http/define';
import { HttpError } from './http/errors';
import { standardHeaders } from './http/headers';
import { describeError, silentLogger, type Logger } from './http/log';
import { RateLimiter } from './http/rate-limit';
import { ROUTES } from './routes';
import { ChannelHub } from './services/channel';
import { PullCache } from './services/pull-cache';

export interface CreateAppOptions {
  database: Database;
  config?: Partial<AppConfig>;
  log?: Logger;
  /** One per process; made here when not given. */
  channel?: ChannelHub;
  /** Made here from `config.pullCacheBytes` when not given (tests look into it). */
  pullCache?: PullCache;
  /** Tests may mount a different table; the server mounts ROUTES. */
  routes?: readonly AnyRoute[];
}

export function createApp(options: CreateAppOptions): Hono {
  const config: AppConfig = { ...DEFAULT_APP_CONFIG, ...options.config };
  const log = options.log ?? silentLogger;
  const deps: AppDeps = {
    database: options.database,
    config,
    log,
    channel:
      options.channel ??
      new ChannelHub(options.database.db, config.channelPollMs, (error) => log.error('push channel poll failed', describeError(error))),
    pullCache: options.pullCache ?? new PullCache(config.pullCacheBytes),
    limiter: new RateLimiter(config.rateLimit.perSecond, config.rateLimit.burst),
    routes: options.routes ?? ROUTES,
  };

  const app = new Hono();

  if (config.logRequests) {
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      // Method, path and status only: never headers (tokens), query strings or bodies.
      log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
    });
  }

  app.use('*', standardHeaders(config.corsOrigins));

  const limitBody = bodyLimit({
    maxSize: config.bodyLimitBytes,
    onError: (c) =>
      c.json({ error: { code: 'body_too_large', message: `the request body is larger than ${config.bodyLimitBytes} bytes` } }, 413),
  });
  // GET and HEAD carry no body, and no route reads one: asking would build a full fetch Request for
  // every pull, a noticeable share of a cached pull's time.
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  mountRoutes(app, deps);

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404));

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(error.body(), error.status);
    }
    log.error('unhandled error', { method: c.req.method, path: c.req.path, ...describeError(error) });
    return c.json({ error: { code: 'internal', message: 'internal server error' } }, 500);
  });

  return app;
}
