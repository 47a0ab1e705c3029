/**
 * The feed benchmark (issue 2): 2,000 posts streamed through a page shaped like X's virtualised
 * timeline, in headless Chromium, with and without the extension. The figure that holds on a
 * busy 2-core machine is the time spent inside the extension's own code, from the DevTools
 * sampling profiler (500 µs), not whole main-thread time. Style and layout come from the
 * renderer's trace, by the main thread's CPU time, with the passes forced by script (a read of
 * layout after a write) counted beside: none more with the extension than without.
 *
 * Three runs: the demo's cells appended at the bottom and removed from the top (`stream`), the
 * same cells rewritten in place (`recycle`), and the saved real X timeline's cells streamed
 * (`real`, when ../shared/fixtures is there). Each frame's batch of cells is written in a task,
 * as X's list does, not in an animation frame callback.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { percentile } from './bench-stats';
import type { BenchRow } from './bench-types';
import { EXTENSION_DIR, launchWithExtension } from './browser';
import { feedPage, xCell, type DemoPost } from './demo/markup';
import { DEMO_POSTS } from './demo/posts';

const TOTAL_POSTS = 2_000;
/**
 * A saved page of the real X home timeline (../shared, data from elsewhere: read in place, never
 * copied). Its cells weigh what real ones do (150–280 elements, 18–26 deep, X's atomic-class
 * stylesheet), where the demo's weigh 30 with inline styles; the figures for scale were
 * taken on the real timeline.
 */
const REAL_X_TIMELINE = path.resolve(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'x', 'home-timeline.html');
const CELLS_IN_DOM = 40;
const POSTS_PER_FRAME = 4;
const PAGE_URL = 'https://x.com/home';

/** `real`: cells of the saved real X timeline, appended and removed like `stream`. */
/** The demo page's light cells, or the saved X timeline's own (`real`); appended or recycled in place. */
type Mode = 'stream' | 'recycle' | 'real' | 'real-recycle';
const onRealCells = (mode: Mode) => mode.startsWith('real');
const recycles = (mode: Mode) => mode.endsWith('recycle');

interface RunResult {
  /** Extension time, counted and weighted (see extensionTime). */
  extension: { counted: number; weighted: number };
  styleAndLayout: StyleAndLayout;
  badgeLatencies: number[];
  staleBadges: number;
  missingBadges: number;
  nodesMid: number;
  nodesEnd: number;
  heapMidMb: number;
  heapEndMb: number;
}

/** 2,000 distinct posts in the demo's voices: ids, handles and texts all vary. */
function benchPosts(): DemoPost[] {
  const pool = [...DEMO_POSTS.x, ...DEMO_POSTS.facebook, ...DEMO_POSTS.instagram].filter((p) => p.text);
  return Array.from({ length: TOTAL_POSTS }, (_, i) => {
    const base = pool[i % pool.length]!;
    return {
      id: String(1862000000000000000n + BigInt(i)),
      handle: `${base.handle.replace(/\./g, '_')}${i}`.slice(0, 15),
      name: `${base.name} ${i}`,
      text: `${base.text} (${i})`,
    };
  });
}

/**
 * The page's own driver (main world): appends cells at the bottom and removes them from the top
 * (stream), or rewrites the same cells in place for the next post (recycle), a few per frame,
 * noting when each post entered the DOM and when its badge appeared.
 */
const DRIVER = `
window.__bench = { appendedAt: new Map(), badgeAt: new Map() };
new MutationObserver((records) => {
  const now = performance.now();
  for (const r of records) {
    if (r.type === 'attributes' && r.target.localName === 'switchboard-badge') {
      const id = r.target.getAttribute('data-post-id');
      if (!window.__bench.badgeAt.has(id)) window.__bench.badgeAt.set(id, now);
    }
    for (const n of r.addedNodes) if (n.localName === 'switchboard-badge') {
      const id = n.getAttribute('data-post-id');
      if (!window.__bench.badgeAt.has(id)) window.__bench.badgeAt.set(id, now);
    }
  }
}).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-post-id'] });

function cellFrom(html) {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content.firstElementChild;
}
/** Recycle a cell in place, as React does: same nodes, new attributes and text. */
function rewrite(cell, post) {
  const status = cell.querySelector('a[href*="/status/"]');
  const links = cell.querySelectorAll('[data-testid="User-Name"] a');
  for (const a of links) a.setAttribute('href', '/' + post.handle);
  status.setAttribute('href', '/' + post.handle + '/status/' + post.id);
  // The demo's cells hold their words in a span's first text node; the real cells, deeper.
  setText(links[0], post.name);
  setText(links[1], '@' + post.handle);
  setText(cell.querySelector('[data-testid="tweetText"]'), post.text);
  cell.dataset.benchId = post.id;
}
function setText(el, text) {
  if (!el) return;
  const node = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
  if (node) node.nodeValue = text;
}
/**
 * The saved real timeline's post cells as templates, taken as the page is parsed, before any
 * content script runs (media emptied so nothing is fetched, the virtual list's absolute
 * positions dropped so cells stack); then one cell per bench post: the template's status id and
 * author handle rewritten, so every post and author is new.
 */
const realTemplates = [];
const firstCell = document.querySelector('[data-testid="cellInnerDiv"]');
if (firstCell) {
  const timeline = firstCell.parentElement;
  for (const cell of timeline.querySelectorAll('[data-testid="cellInnerDiv"]')) {
    const link = cell.querySelector('article[data-testid="tweet"] [data-testid="User-Name"] a[href*="/status/"]');
    if (!link) continue;
    const [, handle, , id] = new URL(link.href).pathname.split('/');
    for (const el of cell.querySelectorAll('img, video, source')) for (const a of ['src', 'srcset', 'poster']) el.removeAttribute(a);
    for (const el of cell.querySelectorAll('[style*="background-image"]')) el.style.backgroundImage = 'none';
    cell.style.position = '';
    cell.style.transform = '';
    realTemplates.push({ html: cell.outerHTML, handle, id });
  }
  timeline.replaceChildren();
  timeline.style.minHeight = '0';
  timeline.id = 'timeline';
}
window.__realCells = (posts) => posts.map((post, i) => {
  const t = realTemplates[i % realTemplates.length];
  const handle = t.handle.slice(0, 15 - String(i).length) + i;
  return t.html.split(t.id).join(post.id)
    .split('/' + t.handle + '/').join('/' + handle + '/')
    .split('/' + t.handle + '"').join('/' + handle + '"')
    .split('@' + t.handle + '<').join('@' + handle + '<');
});
window.__run = (mode, cells, posts, perFrame, inDom) => new Promise((resolve) => {
  const timeline = document.getElementById('timeline');
  let next = 0;
  const snapshots = [];
  if (mode === 'recycle') {
    for (; next < inDom; next++) {
      window.__bench.appendedAt.set(posts[next].id, performance.now());
      const cell = cellFrom(cells[next]);
      cell.dataset.benchId = posts[next].id;
      timeline.append(cell);
    }
  }
  // X's list (react-native-web's VirtualizedList) renders new cells from a batching timer, a
  // task between frames, not from an animation frame callback: one batch a frame, in a task.
  const channel = new MessageChannel();
  channel.port1.onmessage = () => step();
  const nextBatch = () => requestAnimationFrame(() => channel.port2.postMessage(0));
  function step() {
    for (let k = 0; k < perFrame && next < cells.length; k++, next++) {
      const now = performance.now();
      if (mode !== 'recycle') {
        const cell = cellFrom(cells[next]);
        cell.dataset.benchId = posts[next].id;
        timeline.append(cell);
        while (timeline.children.length > inDom) timeline.firstElementChild.remove();
      } else {
        rewrite(timeline.children[next % inDom], posts[next]);
      }
      window.__bench.appendedAt.set(posts[next].id, now);
    }
    if (next === Math.floor(cells.length / 4)) snapshots.push(next);
    if (next < cells.length) nextBatch();
    else {
      // An open port keeps its handler, and with it the 2,000 cells, alive: the heap figure is ours.
      channel.port1.close();
      setTimeout(() => resolve(snapshots), 600);
    }
  }
  nextBatch();
});
window.__audit = () => {
  let stale = 0, missing = 0;
  for (const article of document.querySelectorAll('article[data-testid="tweet"]')) {
    const badges = article.querySelectorAll('switchboard-badge');
    if (badges.length !== 1) { missing++; continue; }
    const id = article.closest('[data-bench-id]').dataset.benchId;
    if (badges[0].getAttribute('data-post-id') !== id) stale++;
  }
  const lat = [];
  for (const [id, t] of window.__bench.appendedAt) {
    const b = window.__bench.badgeAt.get(id);
    if (b !== undefined) lat.push(b - t);
  }
  return { stale, missing, lat };
};
`;

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function settledMemory(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const m = await metrics(cdp);
  return { nodes: m.Nodes ?? 0, heapMb: (m.JSHeapUsedSize ?? 0) / 1024 / 1024 };
}

interface TraceEvent {
  name: string; ph: string; tid: number; ts: number; dur?: number; tdur?: number;
  args?: { elementCount?: number; beginData?: { dirtyObjects?: number } };
}

/** Style and layout of one run, as the renderer's trace counts them. */
interface StyleAndLayout {
  /** The main thread's own CPU time in style recalculation and layout, in ms. */
  threadMs: number;
  /** The same by the clock, in ms (what Performance.getMetrics reports). */
  wallMs: number;
  /** Style recalculations and layouts, in the frame's rendering or forced. */
  passes: number;
  /** Those run inside script (a read of layout after a write): forced, outside the frame's own. */
  forced: number;
  /** Elements whose style was recalculated, summed over the passes (the trace's count: no noise). */
  styled: number;
  /** Layout objects laid out again, summed over the passes. */
  laidOut: number;
}

const STYLE_AND_LAYOUT = new Set(['UpdateLayoutTree', 'Layout']);
/** Trace events of script running: a style or layout pass inside one was forced by that script. */
const SCRIPT = new Set(['FunctionCall', 'FireAnimationFrame', 'TimerFire', 'EvaluateScript', 'EventDispatch', 'RunMicrotasks']);

/** The style and layout passes nested in a script event of the same thread. */
function countForced(events: TraceEvent[]): number {
  let forced = 0;
  const byThread = new Map<number, TraceEvent[]>();
  for (const e of events) {
    const list = byThread.get(e.tid);
    if (list) list.push(e);
    else byThread.set(e.tid, [e]);
  }
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    let scriptEnds = -Infinity;
    for (const e of list) {
      if (SCRIPT.has(e.name)) scriptEnds = Math.max(scriptEnds, e.ts + (e.dur ?? 0));
      else if (e.ts < scriptEnds) forced++;
    }
  }
  return forced;
}

/**
 * Style and layout by the renderer's trace, by the main thread's CPU time and by the clock. Clock
 * time swells when the renderer waits for a core (two cores, shared with the browser, GPU and
 * bench processes); thread time does not, so it can tell the extension's share from that noise.
 */
async function traceStyleAndLayout(cdp: CDPSession): Promise<() => Promise<StyleAndLayout>> {
  const total: StyleAndLayout = { threadMs: 0, wallMs: 0, passes: 0, forced: 0, styled: 0, laidOut: 0 };
  const nesting: TraceEvent[] = [];
  // BENCH_FEED_TRACE=prefix writes each run's trace (with GC and Blink events) to prefix-<time>.json.
  const dump: unknown[] = [];
  const onData = ({ value }: { value: unknown[] }) => {
    if (process.env.BENCH_FEED_TRACE) dump.push(...value);
    for (const e of value as TraceEvent[]) {
      if (e.ph !== 'X') continue;
      if (SCRIPT.has(e.name)) nesting.push(e);
      if (!STYLE_AND_LAYOUT.has(e.name)) continue;
      nesting.push(e);
      total.threadMs += (e.tdur ?? 0) / 1000;
      total.wallMs += (e.dur ?? 0) / 1000;
      total.passes++;
      total.styled += Number(e.args?.elementCount ?? 0);
      total.laidOut += Number(e.args?.beginData?.dirtyObjects ?? 0);
    }
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', ...(process.env.BENCH_FEED_TRACE ? ['blink_gc', 'v8', 'blink', 'disabled-by-default-blink_gc'] : [])],
      excludedCategories: ['*'],
    },
  });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    if (process.env.BENCH_FEED_TRACE) writeFileSync(`${process.env.BENCH_FEED_TRACE}-${Date.now()}.json`, JSON.stringify(dump));
    return { ...total, forced: countForced(nesting) };
  };
}

interface ProfileNode { id: number; callFrame: { url: string }; children?: number[] }

/** The profiler's sampling interval, as the issue prescribes. */
const SAMPLING_INTERVAL_US = 500;

/**
 * The samples whose stack holds a frame of the extension's own scripts, two ways: counted at the
 * sampling interval (the method, the one its figures for scale were taken with), and
 * weighted by the time the profiler says passed before the next sample (higher on a busy machine,
 * where samples come late: a stricter figure, printed beside it).
 */
function extensionTime(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): { counted: number; weighted: number } {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const inExtension = new Map<number, boolean>();
  const holdsExtension = (id: number): boolean => {
    const known = inExtension.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const own = node?.callFrame.url.startsWith('chrome-extension://') ?? false;
    const up = parent.get(id);
    const result = own || (up !== undefined && holdsExtension(up));
    inExtension.set(id, result);
    return result;
  };
  let micros = 0;
  let samples = 0;
  profile.samples.forEach((id, i) => {
    if (!holdsExtension(id)) return;
    samples++;
    micros += profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
  });
  return { counted: (samples * SAMPLING_INTERVAL_US) / 1000, weighted: micros / 1000 };
}

async function run(mode: Mode, withExtension: boolean): Promise<RunResult> {
  const browser = await launchWithExtension({ extension: withExtension });
  try {
    const posts = benchPosts();
    const page0 = onRealCells(mode) ? realTimelinePage() : feedPage('x', []);
    await browser.serve(PAGE_URL, page0.replace('</body>', `<script>${DRIVER}</script></body>`));
    const { page } = await browser.open(PAGE_URL);
    await page.waitForFunction(() => typeof (window as unknown as { __run?: unknown }).__run === 'function');
    const cells =
      onRealCells(mode)
        ? await page.evaluate((p) => (window as unknown as { __realCells: (p: unknown) => string[] }).__realCells(p), posts.map(({ id }) => ({ id })))
        : posts.map(xCell);
    await page.waitForTimeout(withExtension ? 1000 : 300);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    const stopTrace = await traceStyleAndLayout(cdp);
    await cdp.send('Profiler.start');
    const quarter = runQuarterProbe(page, cdp);
    await page.evaluate(
      ([m, c, p, perFrame, inDom]) =>
        (window as unknown as { __run: (...a: unknown[]) => Promise<unknown> }).__run(m, c, p, perFrame, inDom),
      [recycles(mode) ? 'recycle' : 'stream', cells, posts.map(({ id, handle, name, text }) => ({ id, handle, name, text })), POSTS_PER_FRAME, CELLS_IN_DOM] as const,
    );
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Parameters<typeof extensionTime>[0] };
    // BENCH_FEED_PROFILE=dir keeps each run's profile, to open in DevTools' Performance panel.
    if (process.env.BENCH_FEED_PROFILE) {
      mkdirSync(process.env.BENCH_FEED_PROFILE, { recursive: true });
      writeFileSync(path.join(process.env.BENCH_FEED_PROFILE, `feed-${mode}-${withExtension ? 'extension' : 'baseline'}.cpuprofile`), JSON.stringify(profile));
    }
    const styleAndLayout = await stopTrace();
    // BENCH_FEED_LOG=1 prints each run's style and layout figures (the table keeps the least).
    if (process.env.BENCH_FEED_LOG) console.error(`bench feed: ${mode} ${withExtension ? 'extension' : 'baseline'}`, JSON.stringify(styleAndLayout));
    const audit = (await page.evaluate(() => (window as unknown as { __audit: () => unknown }).__audit())) as {
      stale: number; missing: number; lat: number[];
    };
    const mid = await quarter;
    const end = await settledMemory(cdp);
    return {
      extension: extensionTime(profile),
      styleAndLayout,
      badgeLatencies: audit.lat,
      staleBadges: audit.stale,
      missingBadges: withExtension ? audit.missing : 0,
      nodesMid: mid.nodes,
      nodesEnd: end.nodes,
      heapMidMb: mid.heapMb,
      heapEndMb: end.heapMb,
    };
  } finally {
    await browser.close();
  }
}

/**
 * The saved real X timeline without its scripts (x.com's own code cannot run offline, and the
 * figure is ours, not X's) and without links to other hosts (preconnects, fonts: no network).
 */
function realTimelinePage(): string {
  return readFileSync(REAL_X_TIMELINE, 'utf8')
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*>/gi, '');
}

/** Memory a quarter of the way through (compared with the end: flat means no leak). */
async function runQuarterProbe(page: Page, cdp: CDPSession) {
  await page.waitForFunction(() => ((window as unknown as { __bench: { appendedAt: Map<string, number> } }).__bench.appendedAt.size >= 500), undefined, { timeout: 120_000, polling: 50 });
  return settledMemory(cdp);
}


function contentScriptGzipKb(): number {
  const dir = path.join(EXTENSION_DIR, 'content-scripts');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  let bytes = 0;
  for (const file of files) bytes += gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length;
  return bytes / 1024;
}

/** `BENCH_FEED_RUNS=N`: pairs of runs per mode (3 by default: run-to-run noise in style and layout is ±10%; 1 for quick experiments). */
const RUNS = Math.max(1, Number(process.env.BENCH_FEED_RUNS ?? 3) || 3);

/**
 * One result from several runs of the same kind: the least time (extension, layout and style),
 * every badge latency, the worst stale and missing counts, and the last run's memory.
 */
function leastOf(results: RunResult[]): RunResult {
  const last = results.at(-1)!;
  return {
    ...last,
    extension: {
      counted: Math.min(...results.map((r) => r.extension.counted)),
      weighted: Math.min(...results.map((r) => r.extension.weighted)),
    },
    styleAndLayout: {
      threadMs: Math.min(...results.map((r) => r.styleAndLayout.threadMs)),
      wallMs: Math.min(...results.map((r) => r.styleAndLayout.wallMs)),
      passes: Math.max(...results.map((r) => r.styleAndLayout.passes)),
      forced: Math.max(...results.map((r) => r.styleAndLayout.forced)),
      styled: Math.max(...results.map((r) => r.styleAndLayout.styled)),
      laidOut: Math.max(...results.map((r) => r.styleAndLayout.laidOut)),
    },
    badgeLatencies: results.flatMap((r) => r.badgeLatencies),
    staleBadges: Math.max(...results.map((r) => r.staleBadges)),
    missingBadges: Math.max(...results.map((r) => r.missingBadges)),
  };
}

/** How far apart the same kind of run's style and layout times lie: the noise a difference must beat. */
function spread(results: RunResult[]): number {
  const times = results.map((r) => r.styleAndLayout.threadMs);
  return Math.max(...times) - Math.min(...times);
}

function growth(value: number, baseline: number): string {
  const percent = ((value - baseline) / baseline) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

export async function benchFeed(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // BENCH_FEED_MODES=stream,real (any of stream, recycle, real, real-recycle) runs only those, for quicker experiments.
  const modes = (['stream', 'recycle', 'real', 'real-recycle'] as const).filter((m) => !process.env.BENCH_FEED_MODES || process.env.BENCH_FEED_MODES.split(',').includes(m));
  for (const mode of modes) {
    if (onRealCells(mode) && !existsSync(REAL_X_TIMELINE)) {
      rows.push({ name: `feed (real X cells${recycles(mode) ? ', recycled' : ''})`, value: `skipped: ${REAL_X_TIMELINE} is absent`, target: 'reported', ok: true });
      continue;
    }
    // Baseline and extension runs alternate, and each figure of time is the least of its runs:
    // other work on the machine only ever adds time (the issue measured ±2 s of noise per run).
    const bases: RunResult[] = [];
    const exts: RunResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      bases.push(await run(mode, false));
      exts.push(await run(mode, true));
    }
    const base = leastOf(bases);
    const ext = leastOf(exts);
    const perThousand = (ext.extension.counted / TOTAL_POSTS) * 1000;
    const weightedPerThousand = (ext.extension.weighted / TOTAL_POSTS) * 1000;
    const extraLayout = ext.styleAndLayout.threadMs - base.styleAndLayout.threadMs;
    const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(0)}`;
    const p50 = percentile(ext.badgeLatencies, 50);
    const p95 = percentile(ext.badgeLatencies, 95);
    const label = {
      stream: 'feed (append/remove)',
      recycle: 'feed (recycle in place)',
      real: 'feed (real X cells, append/remove)',
      'real-recycle': 'feed (real X cells, recycle in place)',
    }[mode];
    rows.push(
      {
        name: `${label}: extension time per 1,000 posts`,
        value: `${perThousand.toFixed(0)} ms (by sample time: ${weightedPerThousand.toFixed(0)}; least of ${RUNS})`,
        target: '≤ 150 ms',
        ok: perThousand <= 150,
      },
      {
        name: `${label}: layout + style vs without extension`,
        value:
          `${ext.styleAndLayout.threadMs.toFixed(0)} vs ${base.styleAndLayout.threadMs.toFixed(0)} ms of main-thread CPU ` +
          `(${signed(extraLayout)}, ${signed((extraLayout / base.styleAndLayout.threadMs) * 100)}%; by the clock ` +
          `${ext.styleAndLayout.wallMs.toFixed(0)} vs ${base.styleAndLayout.wallMs.toFixed(0)}; least of ${RUNS}; ` +
          `the runs without it alone spread over ${spread(bases).toFixed(0)} ms)`,
        // Judged on the saved X timeline's own cells, the page the issue sets the target on. The
        // demo's cells are light (28 elements a post, X's own several hundred): there the badge's
        // five elements are a sixth of what is restyled, shown as the worst case, not judged.
        ...(onRealCells(mode)
          ? { target: 'no measurable extra (±10%)', ok: extraLayout <= Math.max(50, base.styleAndLayout.threadMs * 0.1) }
          : { target: 'reported (light cells: judged on the real X cells)', ok: true }),
      },
      {
        // Counts, not times: the same in every run, they show what the times' noise hides.
        name: `${label}: elements restyled, layout objects laid out vs without extension`,
        value:
          `${ext.styleAndLayout.styled} vs ${base.styleAndLayout.styled} elements (${growth(ext.styleAndLayout.styled, base.styleAndLayout.styled)}); ` +
          `${ext.styleAndLayout.laidOut} vs ${base.styleAndLayout.laidOut} objects (${growth(ext.styleAndLayout.laidOut, base.styleAndLayout.laidOut)})`,
        target: 'reported',
        ok: true,
      },
      {
        name: `${label}: style and layout passes forced by script vs without extension`,
        value: `${ext.styleAndLayout.forced} vs ${base.styleAndLayout.forced} (passes in all: ${ext.styleAndLayout.passes} vs ${base.styleAndLayout.passes})`,
        target: 'no extra forced',
        ok: ext.styleAndLayout.forced <= base.styleAndLayout.forced,
      },

      { name: `${label}: post → badge p50 / p95`, value: `${p50.toFixed(1)} / ${p95.toFixed(1)} ms (${ext.badgeLatencies.length} posts, ${RUNS} runs)`, target: 'p95 ≤ 50 ms', ok: p95 <= 50 && ext.badgeLatencies.length >= TOTAL_POSTS * RUNS * 0.95 },
      { name: `${label}: stale or missing badges at the end`, value: `${ext.staleBadges} stale, ${ext.missingBadges} missing`, target: '0', ok: ext.staleBadges === 0 && ext.missingBadges === 0 },
      {
        name: `${label}: DOM nodes after GC, 500 → 2,000 posts`,
        value: `${ext.nodesMid} → ${ext.nodesEnd} (without: ${base.nodesEnd})`,
        target: 'flat',
        ok: ext.nodesEnd <= ext.nodesMid * 1.1 + 200,
      },
      {
        name: `${label}: JS heap after GC, 500 → 2,000 posts`,
        value: `${ext.heapMidMb.toFixed(1)} → ${ext.heapEndMb.toFixed(1)} MB (without: ${base.heapEndMb.toFixed(1)})`,
        target: 'flat',
        ok: ext.heapEndMb <= ext.heapMidMb * 1.15 + 1,
      },
    );
  }
  const kb = contentScriptGzipKb();
  rows.push({ name: 'content script, gzipped', value: `${kb.toFixed(1)} KB`, target: '≤ 80 KB', ok: kb <= 80 });
  return rows;
}
