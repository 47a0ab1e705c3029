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
  if (term.length === 0) return -1;
  let from = 0;
  for (;;) {
    const at = lower.indexOf(term, from);
    if (at < 0) return -1;
    const before = at > 0 ? lower.charCodeAt(at - 1) : 32;
    const after = at + term.length < lower.length ? lower.charCodeAt(at + term.length) : 32;
    const startOk = !isWordChar(term.charCodeAt(0)) || !isWordChar(before);
    const endOk = !isWordChar(term.charCodeAt(term.length - 1)) || !isWordChar(after);
    if (startOk && endOk) return at;
    from = at + 1;
  }
}

function clean(list: readonly unknown[] | undefined, stripAt: boolean): string[] {
  const out: string[] = [];
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    if (typeof item !== 'string') continue;
    let t = item.trim().toLowerCase().slice(0, MAX_TERM_LENGTH);
    if (stripAt && t.startsWith('@')) t = t.slice(1);
    if (t.length > 0) out.push(t);
    if (out.length >= MAX_TERMS) break;
  }
  return out;
}

/**
 * Looks for the team's words in the part of the post that was read. Plain `indexOf` with
 * word-boundary checks: no regular expression is built from team input.
 */
export function findTerms(source: string, terms: Partial<TeamTerms> | undefined): TermHits {
  const hits: TermHits = { brand: null, product: null, competitor: null };
  if (!terms) return hits;
  const lower = source.toLowerCase();
  for (const brand of clean(terms.brands, false)) {
    if (findWord(lower, brand) >= 0) {
      hits.brand = brand;
      break;
    }
  }
  if (!hits.brand) {
    for (const handle of clean(terms.handles, true)) {
      if (findWord(lower, handle) >= 0) {
        hits.brand = '@' + handle;
        break;
      }
    }
  }
  for (const product of clean(terms.products, false)) {
    if (findWord(lower, product) >= 0) {
      hits.product = product;
      break;
    }
  }
  for (const competitor of clean(terms.competitors, true)) {
    if (findWord(lower, competitor) >= 0) {
      hits.competitor = competitor;
      break;
    }
  }
  return hits;
}
