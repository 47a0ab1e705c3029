import { z } from 'zod';

/**
 * The backend's environment, parsed once at start-up. A bad value stops the process with a message
 * naming the variable; nothing falls back silently to a default it did not ask for.
 */

/** An unset variable and an empty one mean the same (`DATABASE_URL= npm run server`). */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const intVar = (min: number, max: number) => z.preprocess(unsetIfEmpty, z.coerce.number().int().min(min).max(max));

/**
 * One allowed CORS origin: `scheme://host[:port]`, where the host may be `*` (any extension id):
 * `chrome-extension://*`, `moz-extension://*`, `http://localhost:5173`.
 */
const ORIGIN_PATTERN = /^[a-z][a-z0-9+.-]*:\/\/(\*|[a-z0-9.-]+)(:\d{1,5})?$/;

const originList = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .default('chrome-extension://*,moz-extension://*')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim().toLowerCase())
        .filter((origin) => origin.length > 0),
    )
    .pipe(z.array(z.string().regex(ORIGIN_PATTERN, 'an origin is scheme://host[:port], host may be *'))),
);

export const EnvSchema = z.object({
  PORT: intVar(0, 65_535).default(8787),
  /** Interface to listen on; unset means every interface (the team reaches the server over the network). */
  HOST: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  /** A PostgreSQL server; without it the embedded PGlite store under DATA_DIR. */
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
        message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
      })
      .optional(),
  ),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).default('./.data')),
  /** Comma-separated origins allowed by CORS (browser-extension origins by default). */
  CORS_ORIGINS: originList,
  /** The largest request body accepted, in bytes. */
  BODY_LIMIT_BYTES: intVar(1024, 64 * 1024 * 1024).default(1024 * 1024),
  /** Token bucket per API token, per process: sustained requests per second and burst. */
  RATE_LIMIT_RPS: intVar(1, 1_000_000).default(20),
  RATE_LIMIT_BURST: intVar(1, 1_000_000).default(120),
  /** How often each process looks in the database for changes made by other processes. */
  CHANNEL_POLL_MS: intVar(50, 60_000).default(1000),
  /** How often an idle push-channel stream gets a comment line and its token is checked again. */
  CHANNEL_HEARTBEAT_MS: intVar(100, 300_000).default(15_000),
  /** Memory for full pull pages kept compressed by each process, in MiB; 0 turns the cache off. */
  PULL_CACHE_MB: intVar(0, 65_536).default(64),
  /** One log line per request on stderr (method, path, status, time; never headers or bodies). */
  LOG_REQUESTS: z.preprocess(unsetIfEmpty, z.enum(['0', '1']).default('1')),
});

export type Env = z.infer<typeof EnvSchema>;

/** What the app factory needs from the environment (tests build it directly). */
export interface AppConfig {
  corsOrigins: string[];
  bodyLimitBytes: number;
  rateLimit: { perSecond: number; burst: number };
  channelPollMs: number;
  channelHeartbeatMs: number;
  /** The pull cache's byte cap (services/pull-cache.ts); 0: off. */
  pullCacheBytes: number;
  logRequests: boolean;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`bad environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parse the environment or throw an EnvError listing every bad variable. Values are never echoed (they may be secrets). */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const picked = Object.fromEntries(Object.keys(EnvSchema.shape).map((key) => [key, source[key]]));
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
  }
  return parsed.data;
}

export function appConfigFromEnv(env: Env): AppConfig {
  return {
    corsOrigins: env.CORS_ORIGINS,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    rateLimit: { perSecond: env.RATE_LIMIT_RPS, burst: env.RATE_LIMIT_BURST },
    channelPollMs: env.CHANNEL_POLL_MS,
    channelHeartbeatMs: env.CHANNEL_HEARTBEAT_MS,
    pullCacheBytes: env.PULL_CACHE_MB * 1024 * 1024,
    logRequests: env.LOG_REQUESTS === '1',
  };
}

export const DEFAULT_APP_CONFIG: AppConfig = appConfigFromEnv(loadEnv({}));
