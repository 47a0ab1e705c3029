import type { TeamTerms } from '../model';

export interface TermHits {
  brand: string | null;
  product: string | null;
  competitor: string | null;
}

const MAX_TERMS = 400;
const MAX_TERM_LENGTH = 100;

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c >= 0xc0;
}

/** Finds `term` (already lower case) in `lower` as a whole word or phrase; -1 when absent. */
function findWord(lower: string, term: string): number {
  let from = 0;
  for (;;) {
    const at = lower.indexOf(term, from);
    if (at < 0) return -1;
    if (standsAt(lower, term, at)) return at;
    from = at + 1;
  }
}

/** Whether `term` (lower case) stands at `at` in `lower` as a whole word or phrase. */
function standsAt(lower: string, term: string, at: number): boolean {
  if (!lower.startsWith(term, at)) return false;
  const before = at > 0 ? lower.charCodeAt(at - 1) : 32;
  const after = at + term.length < lower.length ? lower.charCodeAt(at + term.length) : 32;
  const startOk = !isWordChar(term.charCodeAt(0)) || !isWordChar(before);
  const endOk = !isWordChar(term.charCodeAt(term.length - 1)) || !isWordChar(after);
  return startOk && endOk;
}

/** Up to this many terms, one search of the post per term; beyond, one pass over the post for all. */
const SEARCH_EACH = 24;

/**
 * The team's four lists, indexed by their terms' first two code units, so one pass over the post
 * finds them all however long the lists are (instead of one search of the post per term).
 */
interface TermIndex {
  lists: [string[], string[], string[], string[]];
  /** Bit `c` set when some term starts with code unit `c`. */
  firsts: Uint32Array;
  /** First two code units (`c0 * 65536 + c1`; a one-unit term: `c0 * 65536 + 65535`) → `[list, index in list]`. */
  byStart: Map<number, Array<[number, number]>>;
}

let lastIndex: TermIndex | null = null;

function indexOf(lists: [string[], string[], string[], string[]]): TermIndex {
  const last = lastIndex;
  if (last && last.lists.every((list, k) => list === lists[k])) return last;
  const firsts = new Uint32Array(2048);
  const byStart = new Map<number, Array<[number, number]>>();
  lists.forEach((list, k) => {
    list.forEach((term, i) => {
      const c = term.charCodeAt(0);
      firsts[c >>> 5] = (firsts[c >>> 5] as number) | (1 << (c & 31));
      const key = c * 65536 + (term.length > 1 ? term.charCodeAt(1) : 65535);
      const entries = byStart.get(key) ?? [];
      entries.push([k, i]);
      byStart.set(key, entries);
    });
  });
  lastIndex = { lists, firsts, byStart };
  return lastIndex;
}

interface Cleaned {
  /** The list's items when it was cleaned (a list changed in place is cleaned again). */
  items: unknown[];
  terms: string[];
}

/** Cleaned lists, by list and by `stripAt`: the feed passes the same team terms with every post. */
const cleanedLists: [WeakMap<readonly unknown[], Cleaned>, WeakMap<readonly unknown[], Cleaned>] = [new WeakMap(), new WeakMap()];
const NONE: string[] = [];

function clean(list: readonly unknown[] | undefined, stripAt: boolean): string[] {
  if (!Array.isArray(list)) return NONE;
  const cache = cleanedLists[stripAt ? 1 : 0];
  const known = cache.get(list);
  if (known && sameItems(known.items, list)) return known.terms;
  const terms = cleanList(list, stripAt);
  cache.set(list, { items: [...list], terms });
  return terms;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function cleanList(list: readonly unknown[], stripAt: boolean): string[] {
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    let t = item.trim().toLowerCase().slice(0, MAX_TERM_LENGTH);
    if (stripAt && t.startsWith('@')) t = t.slice(1);
    if (t.length > 0) out.push(t);
    if (out.length >= MAX_TERMS) break;
  }
  return out;
}

/** Whether `author` (a handle, with or without `@`, any case) is one of the team's own handles. */
export function isOwnHandle(author: string, terms: Partial<TeamTerms> | undefined): boolean {
  if (!terms || typeof author !== 'string') return false;
  const handle = cleanList([author], true)[0];
  return handle !== undefined && clean(terms.handles, true).includes(handle);
}

/**
 * Looks for the team's words in the part of the post that was read. Plain `indexOf` with
 * word-boundary checks: no regular expression is built from team input.
 */
export function findTerms(source: string, terms: Partial<TeamTerms> | undefined): TermHits {
  const hits: TermHits = { brand: null, product: null, competitor: null };
  if (!terms) return hits;
  const brands = clean(terms.brands, false);
  const handles = clean(terms.handles, true);
  const products = clean(terms.products, false);
  const competitors = clean(terms.competitors, true);
  if (brands.length + handles.length + products.length + competitors.length === 0) return hits;
  const lower = source.toLowerCase();
  if (brands.length + handles.length + products.length + competitors.length <= SEARCH_EACH) {
    hits.brand = brands.find((term) => findWord(lower, term) >= 0) ?? null;
    if (!hits.brand) {
      const handle = handles.find((term) => findWord(lower, term) >= 0);
      if (handle !== undefined) hits.brand = '@' + handle;
    }
    hits.product = products.find((term) => findWord(lower, term) >= 0) ?? null;
    hits.competitor = competitors.find((term) => findWord(lower, term) >= 0) ?? null;
    return hits;
  }
  const index = indexOf([brands, handles, products, competitors]);
  // Per list, the first term (in the team's order) found in the post.
  const first = [Infinity, Infinity, Infinity, Infinity];
  const firsts = index.firsts;
  let before = 32;
  for (let at = 0; at < lower.length; at++) {
    const c = lower.charCodeAt(at);
    const inWord = isWordChar(before);
    before = c;
    if (!((firsts[c >>> 5] as number) & (1 << (c & 31)))) continue;
    // A term starting with a word character starts a word.
    if (inWord && isWordChar(c)) continue;
    for (let pass = 0; pass < 2; pass++) {
      // Terms of two or more units by their first two, then terms of one unit.
      const second = pass === 0 ? (at + 1 < lower.length ? lower.charCodeAt(at + 1) : -1) : 65535;
      if (second < 0) continue;
      const entries = index.byStart.get(c * 65536 + second);
      if (!entries) continue;
      for (let e = 0; e < entries.length; e++) {
        const [k, i] = entries[e] as [number, number];
        if (i < (first[k] as number) && standsAt(lower, (index.lists[k] as string[])[i] as string, at)) first[k] = i;
      }
    }
  }
  const at = (k: number): string | null => {
    const i = first[k] as number;
    return i === Infinity ? null : ((index.lists[k] as string[])[i] as string);
  };
  hits.brand = at(0);
  if (!hits.brand) {
    const handle = at(1);
    if (handle !== null) hits.brand = '@' + handle;
  }
  hits.product = at(2);
  hits.competitor = at(3);
  return hits;
}
