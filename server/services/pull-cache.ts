import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants, gunzip, gzip } from 'node:zlib';
import type { HistoryMark } from '../db/global';
import type { ServiceContext } from './context';
import { pullPage } from './sync';

/**
 * Full pull pages, kept per process and sent compressed.
 *
 * A page of `limit` changes after `since` that has more after it is history: change numbers become
 * visible in order (the team's counter row is locked until the writing transaction commits), so no
 * change can later appear inside it. Only an erasure rewrites history (its changes leave the log),
 * and every erasure moves `teams.erasures`; a page is served from here only while that count is the
 * one read before the page was. Each request reads it with its token (the same statement), so an
 * erasure made through any process retires every process's pages at once, and nothing here has to
 * be shared: the cache is only an optimisation.
 *
 * The last page (partial: nothing after it yet) changes with the next change, so it is kept only
 * for the team's counter it was read under: a request that reads the same counter with its token
 * gets it, the first after any new change reads the database again. The page was read after that
 * counter was committed, so it holds every change up to it (and perhaps newer ones, which is only
 * fresher). This is the pull every member makes at once when the push channel says a teammate
 * changed something, and the idle pull with nothing new.
 *
 * Keys are team, since and limit; the team comes from the token, after authentication, so a team
 * can only ever reach its own pages. Memory is bounded by a byte cap (least recently used pages go
 * first). A page is kept compressed: the JSON is dropped once its first compressed body is made,
 * and a client that takes no compression gets it decompressed again.
 */

export type ContentEncoding = 'br' | 'gzip' | 'identity';
type Compressed = Exclude<ContentEncoding, 'identity'>;

export interface PullAnswer {
  body: Buffer;
  encoding: ContentEncoding;
}

/** Below this, compressing costs more than it saves. */
const COMPRESS_FROM_BYTES = 1024;

const brotli = promisify(brotliCompress);
const unbrotli = promisify(brotliDecompress);
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * The fastest levels (brotli 1, gzip 1): for a page of 1,000 changes (about 0.5 MB of JSON) under a
 * millisecond of zlib's thread pool, 12 to 15 times smaller; the default levels save another 10% at
 * three times the time, which a pull that misses the cache (or a partial page) would wait for.
 */
const CHUNK = 64 * 1024;
function compress(json: Buffer, encoding: Compressed): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(json, {
      chunkSize: CHUNK,
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 1,
        [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
  }
  return gzipAsync(json, { level: 1, chunkSize: CHUNK });
}

function decompress(body: Buffer, encoding: Compressed): Promise<Buffer> {
  return encoding === 'br' ? unbrotli(body) : gunzipAsync(body);
}

/**
 * The encoding to answer in, from the request's Accept-Encoding: brotli, then gzip, among those
 * with a non-zero quality (`*` stands for those not named), else none. Ties go to brotli; a higher
 * quality wins.
 */
export function negotiateEncoding(header: string | undefined): ContentEncoding {
  if (!header) return 'identity';
  const quality = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
    quality.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const of = (name: Compressed) => quality.get(name) ?? quality.get('*') ?? 0;
  const br = of('br');
  const gz = quality.get('gzip') ?? quality.get('x-gzip') ?? quality.get('*') ?? 0;
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return 'identity';
}

/** Encodes an answer not kept here (a partial page, or the cache is off). */
export async function encodeAnswer(json: Buffer, encoding: ContentEncoding): Promise<PullAnswer> {
  if (encoding === 'identity' || json.length < COMPRESS_FROM_BYTES) return { body: json, encoding: 'identity' };
  return { body: await compress(json, encoding), encoding };
}

interface Page {
  teamId: string;
  /** `teams.erasures` as read before the page was. */
  erasures: number;
  /** The page's last change number (its cursor). */
  last: number;
  /** For a partial page: the team's counter it was read under (it is served only under that one). */
  partialAt: number | null;
  /** The JSON, until a compressed body exists. */
  json: Buffer | null;
  /** Compressed bodies, made on first demand, once. */
  bodies: Map<Compressed, Promise<Buffer>>;
  /** Sizes of the bodies made so far. */
  sizes: Map<Compressed, number>;
  /** What the page counts against the cap. */
  bytes: number;
}

function footprint(page: Page): number {
  let bytes = page.json?.length ?? 0;
  for (const size of page.sizes.values()) bytes += size;
  return bytes;
}

export interface PullCacheStats {
  hits: number;
  misses: number;
  pages: number;
  bytes: number;
}

/**
 * Whether a kept page answers a pull made under `history`: same erasure count, and a full page
 * strictly below the team's counter (a database put back to an older copy is not served newer
 * pages) or a partial one read under this very counter.
 */
function servable(page: Page, { seq, erasures }: HistoryMark): boolean {
  if (page.erasures !== erasures) return false;
  return page.partialAt === null ? page.last < seq : page.partialAt === seq;
}

export class PullCache {
  /** In least-recently-used order: a Map iterates in insertion order, and a hit re-inserts. */
  private readonly pages = new Map<string, Page>();
  /** Reads under way, shared by identical pulls arriving together (keyed with the erasure count). */
  private readonly loading = new Map<string, ReturnType<typeof pullPage>>();
  /** The highest erasure count seen per team: a higher one drops the team's pages at once. */
  private readonly erasuresSeen = new Map<string, number>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  /** `maxBytes` 0 turns the cache off (every pull reads the database). */
  constructor(private readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  stats(): PullCacheStats {
    return { hits: this.hits, misses: this.misses, pages: this.pages.size, bytes: this.bytes };
  }

  /**
   * The pull answer for an authenticated member's scope: from here for a full page already kept,
   * else from the database (a full page is then kept).
   */
  async pull(ctx: ServiceContext, history: HistoryMark, since: number, limit: number, encoding: ContentEncoding): Promise<PullAnswer> {
    if (!this.enabled) return encodeAnswer(Buffer.from((await pullPage(ctx, since, limit)).json), encoding);
    const teamId = ctx.scope.teamId;
    // `history` was read before the page (with the token): a page read after an erasure may carry
    // the older count (it is then merely dropped early), never the reverse.
    const { seq, erasures } = history;
    this.noteErasures(teamId, erasures);
    const key = `${teamId}/${since}/${limit}`;

    const kept = this.pages.get(key);
    if (kept && servable(kept, history)) {
      this.hits += 1;
      this.pages.delete(key);
      this.pages.set(key, kept);
      return this.answer(key, kept, encoding);
    }
    if (kept) this.drop(key);
    this.misses += 1;

    // With the counter: a pull that read a newer counter must not take a read that began before it.
    const loadKey = `${key}/${erasures}/${seq}`;
    let load = this.loading.get(loadKey);
    if (!load) {
      load = pullPage(ctx, since, limit).finally(() => this.loading.delete(loadKey));
      this.loading.set(loadKey, load);
    }
    const { json, full, cursor } = await load;
    const again = this.pages.get(key); // kept by an identical pull meanwhile
    if (again && servable(again, history)) return this.answer(key, again, encoding);
    if (again && (again.erasures > erasures || (again.partialAt ?? again.last) > seq)) return encodeAnswer(Buffer.from(json), encoding);
    const page: Page = {
      teamId,
      erasures,
      last: cursor,
      partialAt: full ? null : seq,
      json: Buffer.from(json),
      bodies: new Map(),
      sizes: new Map(),
      bytes: 0,
    };
    this.resize(key, page, true);
    if (this.pages.get(key) !== page) return encodeAnswer(page.json!, encoding); // larger than the whole cache
    return this.answer(key, page, encoding);
  }

  private async answer(key: string, page: Page, encoding: ContentEncoding): Promise<PullAnswer> {
    if (encoding === 'identity') return { body: await this.json(page), encoding };
    let body = page.bodies.get(encoding);
    if (!body) {
      body = this.json(page).then((json) => compress(json, encoding));
      page.bodies.set(encoding, body);
      body.then(
        (made) => {
          page.sizes.set(encoding, made.length);
          page.json = null;
          this.resize(key, page);
        },
        () => page.bodies.delete(encoding),
      );
    }
    return { body: await body, encoding };
  }

  /** The page's JSON: kept, or decompressed from a body. */
  private async json(page: Page): Promise<Buffer> {
    if (page.json) return page.json;
    const encoding = page.sizes.keys().next().value!; // one that is made: the JSON went when it was
    return decompress(await page.bodies.get(encoding)!, encoding);
  }

  /** Counts a page's size again (adding the page if new) and evicts the least recently used over the cap. */
  private resize(key: string, page: Page, adding = false): void {
    if (this.pages.get(key) !== page && !adding) return; // dropped meanwhile
    const bytes = footprint(page);
    if (adding) {
      this.drop(key);
      if (bytes > this.maxBytes) return;
      this.pages.set(key, page);
    }
    this.bytes += bytes - page.bytes;
    page.bytes = bytes;
    for (const [oldest] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= page.bytes;
  }

  /** An erasure happened since this team's pages were kept: none of them may be served (or kept). */
  private noteErasures(teamId: string, erasures: number): void {
    const seen = this.erasuresSeen.get(teamId);
    if (seen !== undefined && erasures <= seen) return;
    this.erasuresSeen.set(teamId, erasures);
    if (seen === undefined) return;
    for (const [key, page] of this.pages) if (page.teamId === teamId && page.erasures < erasures) this.drop(key);
  }
}
