/**
 * One linear pass over the post: words (lower-cased, keyed for matching), sentence and clause
 * numbers, questions, emoji sentiment and letter counts per script. Page text is hostile: the scan
 * is bounded (code units read, letters kept, tokens kept), reads each code unit once, and never
 * uses a regular expression on the input as a whole. Nothing is allocated per token: tokens are
 * columns of typed arrays reused from post to post, and a word already met is found in the
 * keyer's cache from the text's own code units, without cutting it out as a string.
 */

/** Stop reading after this many code units, whatever they are (runs of spaces, emoji…). */
export const MAX_SCAN = 20_000;
/** Stop after this many letters and digits kept (about a long Facebook post). */
export const MAX_LETTERS = 2_000;
/** Stop after this many tokens. */
export const MAX_TOKENS = 400;
/** A word longer than this is cut (a 100,000-letter "word" is bait, not language). */
const MAX_WORD = 40;

export const enum TokenKind {
  Word = 0,
  Mention = 1,
  Hashtag = 2,
  /** A number written after a currency sign ("$75"). */
  Money = 3,
}

/** What the engine knows about one distinct word, computed once and shared by every token of it. */
export interface WordInfo {
  /** Lower-case surface form (after aliases). */
  word: string;
  /** Matching key: alias-folded, numbers as `0`, stemmed. `@` for mentions. */
  key: string;
  /** Index of `key` in the pack's vocabulary, -1 when no cue uses it. */
  id: number;
  /** Word-class bits (`W` in compile.ts): stopword, negator, possessive… */
  cls: number;
}

/**
 * The tokens of one post, as columns (index `0 … n-1`). The arrays are reused by the next call
 * of `tokenize` on the same `Doc`: read what you need before tokenising another text.
 */
export interface Doc {
  /** The part of the post that was read. */
  source: string;
  /** Number of tokens. */
  n: number;
  /** Per token, the shared info of its word (`key`, `word`; `id` and `cls` are also columns). */
  info: WordInfo[];
  /** Index of the token's key in the pack's vocabulary, -1 when no cue uses it. */
  id: Int32Array;
  /** Word-class bits (`W` in compile.ts). */
  cls: Int32Array;
  kind: Uint8Array;
  /** Offsets in `source` (UTF-16), for excerpts. */
  start: Int32Array;
  end: Int32Array;
  sentence: Int32Array;
  clause: Int32Array;
  /** `questions[sentence]` is 1 when the sentence asks something (a `?` or a question word first). */
  questions: Uint8Array;
  /** Some sentence asks something. */
  anyQuestion: boolean;
  /** The word-class bits of all tokens, or'ed together. */
  classes: number;
  /** Plain words (not mentions, hashtags or amounts), and how many are stopwords of the pack or (only) of other languages. */
  words: number;
  stopwords: number;
  foreignWords: number;
  mentions: number;
  emojiPositive: number;
  emojiNegative: number;
  /** 🙃 🙄: the positive words around them are probably sarcastic. */
  emojiSarcasm: number;
  asciiLetters: number;
  latinLetters: number;
  otherLetters: number;
  /** True when the scan stopped before the end of the text. */
  truncated: boolean;
}

export function createDoc(): Doc {
  return {
    source: '',
    n: 0,
    info: new Array<WordInfo>(MAX_TOKENS).fill(MENTION_INFO),
    id: new Int32Array(MAX_TOKENS),
    cls: new Int32Array(MAX_TOKENS),
    kind: new Uint8Array(MAX_TOKENS),
    start: new Int32Array(MAX_TOKENS),
    end: new Int32Array(MAX_TOKENS),
    sentence: new Int32Array(MAX_TOKENS),
    clause: new Int32Array(MAX_TOKENS),
    // A sentence ends at most once per code unit read.
    questions: new Uint8Array(MAX_SCAN + 2),
    anyQuestion: false,
    classes: 0,
    words: 0,
    stopwords: 0,
    foreignWords: 0,
    mentions: 0,
    emojiPositive: 0,
    emojiNegative: 0,
    emojiSarcasm: 0,
    asciiLetters: 0,
    latinLetters: 0,
    otherLetters: 0,
    truncated: false,
  };
}

/**
 * Lower-case words met so far → their info: an open-addressing table hashed on code units, so a
 * word can be looked up straight from the text. Bounded: emptied when it holds `CACHE_LIMIT` words.
 */
export class WordCache {
  private slots = new Int32Array(CACHE_SLOTS);
  /** The words' code units, one after the other: word `e` is `units[starts[e] … starts[e] + lengths[e])`. */
  private units = new Uint16Array(CACHE_UNITS);
  private used = 0;
  private starts = new Int32Array(CACHE_LIMIT);
  private lengths = new Int32Array(CACHE_LIMIT);
  private infos: WordInfo[] = [];

  get size(): number {
    return this.infos.length;
  }

  clear(): void {
    this.slots.fill(0);
    this.used = 0;
    this.infos.length = 0;
  }

  /** The info of the word whose code units are `codes[0 … length)`, hashed `hash`; null when absent. */
  findCodes(codes: Uint16Array, length: number, hash: number): WordInfo | null {
    const mask = CACHE_SLOTS - 1;
    const units = this.units;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return null;
      if (this.lengths[entry - 1] !== length) continue;
      const start = this.starts[entry - 1] as number;
      let k = 0;
      while (k < length && units[start + k] === codes[k]) k++;
      if (k === length) return this.infos[entry - 1] as WordInfo;
    }
  }

  /**
   * The info of `word` (already lower case), whose hash is `hash`; null when absent. The same probe
   * as findCodes, over a string: copying the word to code units to share that loop made the p99 of
   * `npm run bench inference` 26–51 µs instead of 21–23.
   */
  find(word: string, hash: number): WordInfo | null {
    const mask = CACHE_SLOTS - 1;
    const units = this.units;
    const length = word.length;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return null;
      if (this.lengths[entry - 1] !== length) continue;
      const start = this.starts[entry - 1] as number;
      let k = 0;
      while (k < length && units[start + k] === word.charCodeAt(k)) k++;
      if (k === length) return this.infos[entry - 1] as WordInfo;
    }
  }

  add(word: string, hash: number, info: WordInfo): void {
    const length = word.length;
    // A word too long to keep is simply not kept (a lexicon phrase's word, never a post's: those are cut).
    if (length > CACHE_UNITS / 4) return;
    if (this.infos.length >= CACHE_LIMIT || this.used + length > CACHE_UNITS) this.clear();
    const mask = CACHE_SLOTS - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    const entry = this.infos.length;
    this.starts[entry] = this.used;
    this.lengths[entry] = length;
    for (let k = 0; k < length; k++) this.units[this.used + k] = word.charCodeAt(k);
    this.used += length;
    this.infos.push(info);
    this.slots[slot] = entry + 1;
  }
}

export interface Keyer {
  aliases: Map<string, string>;
  numberWords: Set<string>;
  /** Key → vocabulary id (keys used by some cue). */
  vocab: Map<string, number>;
  /** Word → class bits; key → class bits for classes defined on keys. */
  classify: (word: string, key: string) => number;
  /** Lower-case word → its info, filled as posts are read (bounded). */
  cache: WordCache;
}

const CACHE_LIMIT = 5_000;
/** Slots of the word cache: a power of two, over three times `CACHE_LIMIT`. */
const CACHE_SLOTS = 16_384;
/** Code units the word cache keeps (its words average well under 16 units). */
const CACHE_UNITS = 80_000;
/** Word-class bits the tokeniser itself needs (the rest are in compile.ts). */
export const CLAUSE_BREAKER = 1;
export const QUESTION_STARTER = 2;
/** Greetings and fillers a sentence may open with before its first real word ("hi, is this still available"). */
export const LEAD_IN = 262144;
/** The pack's own stopwords, and those of other languages (for `languageOf`). */
export const STOPWORD = 4;
/** A question word that does not ask when the next word is one of `NOT_ASKING_NEXT` ("WHAT a day", "HAVE a great flight"). */
export const SOFT_STARTER = 2097152;
export const NOT_ASKING_NEXT = 4194304;
/** A verb that, right after an opening @mention, makes the mention its subject ("@brand IS the best"), not a question. */
export const SUBJECT_VERB = 8388608;
export const FOREIGN = 8;
/** A word that asks indirectly when it is one of a sentence's first two words ("wondering how much …", "just curious if …"). */
export const ASKER = 134217728;

const POSITIVE_EMOJI = new Set([
  0x1f60d, 0x1f970, 0x2764, 0x2665, 0x1f495, 0x1f496, 0x1f497, 0x1f49b, 0x1f499, 0x1f49a, 0x1f49c,
  0x1f9e1, 0x1f90d, 0x1f5a4, 0x1f60a, 0x1f601, 0x1f600, 0x1f603, 0x1f604, 0x1f64c, 0x1f44f, 0x1f44d,
  0x1f4af, 0x1f525, 0x2728, 0x1f389, 0x1f973, 0x1f929, 0x263a, 0x1f64f, 0x1f31f, 0x2b50, 0x1f618,
  0x1f917, 0x1f60e, 0x1f498, 0x1f49e, 0x1f493, 0x1f942, 0x1f37e, 0x1f38a, 0x1f44c, 0x1f4aa, 0x1f63b,
  0x1f606, 0x1f642, 0x1f607, 0x1f979,
]);
const NEGATIVE_EMOJI = new Set([
  0x1f621, 0x1f92c, 0x1f624, 0x1f620, 0x1f44e, 0x1f494, 0x1f622, 0x1f61e, 0x1f629, 0x1f62b,
  0x1f644, 0x1f612, 0x1f926, 0x1f611, 0x1f623, 0x1f616, 0x1f613, 0x1f922, 0x1f92e, 0x1f4a9, 0x1f615,
  0x1f61f, 0x1f641, 0x2639, 0x1f625, 0x1f630, 0x1f628, 0x1f631,
]);
const SARCASM_EMOJI = new Set([0x1f643, 0x1f644]);

const LETTER = /\p{L}/u;
const CURLY = /[\u2018\u2019]/g;
const MARK = /\p{M}/u;

/** Words whose ending is not an inflection, or whose tense matters ("fixed it" is not "fix it"). */
const NO_STEM = new Set(['news', 'reporting', 'booked', 'ordered', 'switched', 'treated', 'looked', 'pointed', 'pointing', 'treating', 'opening', 'eyeing', 'fixed', 'fixing', 'solved', 'sorted', 'need', 'speed', 'feed', 'indeed', 'proceed', 'hundred', 'series', 'always', 'sometimes']);

/** A light English-leaning stemmer; applied alike to lexicon phrases and to posts. */
export function stem(w: string): string {
  const n = w.length;
  if (n <= 3) return w;
  if (w.endsWith("'s")) return stem(w.slice(0, -2));
  if (w.endsWith("n't") || NO_STEM.has(w)) return w;
  if (n > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (n > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (n > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.endsWith('sses') || w.endsWith('shes') || w.endsWith('ches') || w.endsWith('xes')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

function isDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return w.length > 0;
}

/** The matching key of one lower-case word. */
export function keyOf(word: string, keyer: Keyer): string {
  const n = word.length;
  if (keyer.numberWords.has(word) || isDigits(word)) return '0';
  if (n > 1 && word.charCodeAt(n - 1) === 107 /* k */ && isDigits(word.slice(0, -1))) return '0k';
  return stem(word);
}

const MENTION_INFO: WordInfo = { word: '@', key: '@', id: -1, cls: 0 };

/** Lower case of an ASCII code unit; a curly apostrophe becomes `'`. */
function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c === 0x2019 || c === 0x2018 ? 39 : c;
}

const HASH_SEED = 0x811c9dc5 | 0;
/** FNV-1a on code units; written out in `tokenize`'s loop (keep the two alike). */
const FNV_PRIME = 0x01000193;
const hashStep = (h: number, c: number): number => Math.imul(h ^ c, FNV_PRIME);
const hashEnd = (h: number): number => h ^ (h >>> 15);

function hashOf(word: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
  return hashEnd(h);
}

function makeInfo(raw: string, keyer: Keyer): WordInfo {
  const word = keyer.aliases.get(raw) ?? raw;
  const key = keyOf(word, keyer);
  return { word, key, id: keyer.vocab.get(key) ?? -1, cls: keyer.classify(word, key) };
}

/** The shared info for a lower-case word (aliases folded), cached. */
export function infoOf(raw: string, keyer: Keyer): WordInfo {
  const hash = hashOf(raw);
  const cached = keyer.cache.find(raw, hash);
  if (cached !== null) return cached;
  const info = makeInfo(raw, keyer);
  keyer.cache.add(raw, hash, info);
  return info;
}

/**
 * The info of a word with a non-ASCII code unit, `text[from … to)`, lower-cased code unit by code
 * unit (so offsets stay valid; a code unit whose lower case is longer stays as it is), curly
 * apostrophes read as `'`.
 */
function slowWordInfo(text: string, from: number, to: number, keyer: Keyer): WordInfo {
  let raw = '';
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c < 128 || c === 0x2019 || c === 0x2018) {
      raw += String.fromCharCode(lowerAscii(c));
    } else {
      const ch = String.fromCharCode(c);
      const l = ch.toLowerCase();
      raw += l.length === 1 ? l : ch;
    }
  }
  return infoOf(raw, keyer);
}

/** The lower-case code units of the word being read (its first `MAX_WORD`), while they are ASCII. */
const wordBuffer = new Uint16Array(MAX_WORD);

/** The info of the ASCII word `text[from … from+length)` whose lower case is in `wordBuffer`, hashed `hash`. */
function asciiWordInfo(text: string, from: number, length: number, hash: number, keyer: Keyer): WordInfo {
  const found = keyer.cache.findCodes(wordBuffer, length, hash);
  if (found !== null) return found;
  let raw = text.slice(from, from + length).toLowerCase();
  if (raw.includes('\u2019') || raw.includes('\u2018')) raw = raw.replace(CURLY, "'");
  const info = makeInfo(raw, keyer);
  keyer.cache.add(raw, hash, info);
  return info;
}

const DOC = createDoc();

/**
 * The code units to read, copied once into a typed array: reading a typed array is fast whatever
 * the string's representation (a slice or a concatenation of a page's text is slow to index).
 */
const UNITS = new Uint16Array(MAX_SCAN);

function copyUnits(text: string, limit: number): Uint16Array {
  const units = UNITS;
  for (let i = 0; i < limit; i++) units[i] = text.charCodeAt(i);
  return units;
}

/** ASCII letters and digits → their lower case (digits as they are); everything else → 0. */
const ALNUM = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ALNUM[c] = c;
for (let c = 97; c <= 122; c++) ALNUM[c] = c;
for (let c = 65; c <= 90; c++) ALNUM[c] = c + 32;

/**
 * What a code unit other than an ASCII letter or digit does, as a number: an action (`Act`) in
 * the low byte, code units to skip after it in the next. `Act.Nothing` … `Act.Stop` end the word
 * being read first.
 */
const enum Act {
  Nothing = 0,
  EndSentence = 1,
  Question = 2,
  Clause = 3,
  /** "<3": a positive emoticon. */
  Heart = 4,
  /** A full stop: ends the sentence unless it sits between two word characters ("2.5", "e.g"). */
  Stop = 5,
  /** An apostrophe inside a word ("don't") belongs to it. Actions from here on leave the word being read open. */
  Apostrophe = 8,
  /** `_` inside a mention or hashtag. */
  Underscore = 9,
  Money = 10,
  Mention = 11,
  Hashtag = 12,
  /** An emoticon (counted): skip it. */
  Skip = 13,
  /** ":" outside a word and not an emoticon: a new clause. */
  ClauseOnly = 14,
  /** A letter (counted) of one code unit, of two, or one that is a word by itself (CJK). */
  Letter = 15,
  Letter2 = 16,
  LetterAlone = 17,
  /** A combining mark inside a word. */
  Mark = 18,
}

/** An ASCII code unit other than a letter, a digit or a space (kept out of the scan's loop). */
function asciiAct(text: string, i: number, limit: number, c: number, inWord: boolean, kind: TokenKind, doc: Doc): number {
  if (c === 39) {
    // An apostrophe inside a word ("don't") belongs to it; elsewhere it is a quote.
    return inWord && i + 1 < limit && isWordCode(text.charCodeAt(i + 1)) ? Act.Apostrophe : Act.Nothing;
  }
  if ((c === 58 || c === 59) && !inWord && i + 1 < limit) {
    // Emoticons: ":)" ";)" ":-)" ":D" are positive, ":(" ":-(" negative.
    let k = i + 1;
    if (text.charCodeAt(k) === 45 && k + 1 < limit) k++;
    const e = text.charCodeAt(k);
    if (e === 41 || e === 68 || e === 80 || e === 93) {
      doc.emojiPositive++;
      return Act.Skip | ((k - i) << 8);
    }
    if (e === 40 || e === 91) {
      doc.emojiNegative++;
      return Act.Skip | ((k - i) << 8);
    }
    return Act.ClauseOnly;
  }
  if (c === 60 && i + 1 < limit && text.charCodeAt(i + 1) === 51) {
    doc.emojiPositive++;
    return Act.Heart | (1 << 8);
  }
  if (c === 36 && !inWord && i + 1 < limit && isDigitCode(text.charCodeAt(i + 1))) return Act.Money;
  if (c === 95 && inWord && kind !== TokenKind.Word) return Act.Underscore;
  if ((c === 64 || c === 35) && !inWord && i + 1 < limit && isWordCode(text.charCodeAt(i + 1))) {
    return c === 64 ? Act.Mention : Act.Hashtag;
  }
  if (c === 63) return Act.Question;
  if (c === 33 || c === 10 || c === 13) return Act.EndSentence;
  if (c === 46) return Act.Stop;
  if (c === 44 || c === 59 || c === 58 || c === 40 || c === 41 || c === 34) return Act.Clause;
  return Act.Nothing;
}

/** A code unit beyond ASCII (letter counts and emoji are counted on `doc`). */
function otherAct(text: string, i: number, limit: number, c: number, inWord: boolean, doc: Doc): number {
  if (c === 0x2019 || c === 0x2018) {
    return inWord && i + 1 < limit && isWordCode(text.charCodeAt(i + 1)) ? Act.Apostrophe : Act.Nothing;
  }
  if ((c === 0xa3 || c === 0x20ac) && !inWord && i + 1 < limit && isDigitCode(text.charCodeAt(i + 1))) return Act.Money;
  if (c === 0x2026) return Act.EndSentence;
  if (c === 0x201c || c === 0x201d || c === 0x2014 || c === 0x2013) return Act.Clause;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = i + 1 < limit ? text.charCodeAt(i + 1) : 0;
    if (d < 0xdc00 || d > 0xdfff) return Act.Nothing; // a lone high surrogate: a separator, nothing more
    const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
    if (!countEmoji(cp, doc) && LETTER.test(String.fromCharCode(c, d))) {
      doc.otherLetters++;
      return Act.Letter2;
    }
    return Act.Nothing | (1 << 8);
  }
  if (c >= 0xdc00 && c <= 0xdfff) return Act.Nothing; // a lone low surrogate
  if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) {
    doc.latinLetters++;
    return Act.Letter;
  }
  if (countEmoji(c, doc)) return Act.Nothing;
  // U+0300–U+036F are all combining marks: no need to ask the regular expression.
  if (c >= 0x300 && inWord && (c <= 0x36f || MARK.test(text[i] as string))) return Act.Mark;
  if (c >= 0x370 && LETTER.test(text[i] as string)) {
    doc.otherLetters++;
    // Scripts written without spaces: one token per letter keeps the scan bounded and the
    // counts meaningful (no English cue will match them anyway).
    return c >= 0x2e80 ? Act.LetterAlone : Act.Letter;
  }
  if (c === 0x3002 || c === 0xff01) return Act.EndSentence;
  if (c === 0xff1f) return Act.Question;
  return Act.Nothing;
}

/**
 * Reads one post. The answer is `doc` (by default one shared `Doc`), overwritten by the next call
 * with the same `doc`.
 */
export function tokenize(input: string, keyer: Keyer, doc: Doc = DOC): Doc {
  const text = typeof input === 'string' ? input : '';
  const limit = Math.min(text.length, MAX_SCAN);
  const units = copyUnits(text, limit);
  const questions = doc.questions;
  const infos = doc.info;
  const ids = doc.id;
  const classes = doc.cls;
  const kinds = doc.kind;
  const starts = doc.start;
  const ends = doc.end;
  const sentences = doc.sentence;
  const clauses = doc.clause;
  questions[0] = 0;
  let anyQuestion = false;
  let allClasses = 0;
  let words = 0;
  let stopwords = 0;
  let foreignWords = 0;
  let mentions = 0;
  let asciiLetters = 0;
  doc.latinLetters = 0;
  doc.otherLetters = 0;
  doc.emojiPositive = 0;
  doc.emojiNegative = 0;
  doc.emojiSarcasm = 0;

  let n = 0;
  let sentence = 0;
  let clause = 0;
  let sentenceHasWord = false;
  /** Words read in this sentence so far (for `ASKER`). */
  let sentenceWords = 0;
  /** The token of a soft question word opening this sentence (-1: none); whether a question was taken back. */
  let softAt = -1;
  let takenBack = false;
  let letters = 0;
  // The word being read: where, which kind, and (while it is ASCII) its lower case and hash.
  let inWord = false;
  let wordStart = -1;
  let wordEnd = -1;
  let kind: TokenKind = TokenKind.Word;
  let pendingKind: TokenKind = TokenKind.Word;
  let ascii = true;
  let length = 0;
  let hash = HASH_SEED;
  let i = 0;
  let last = false;

  for (; ; i++) {
    let code: number = Act.Nothing;
    if (i >= limit || letters >= MAX_LETTERS || n >= MAX_TOKENS) {
      // The end: the word being read is kept, then nothing more.
      last = true;
    } else {
      let c = units[i] as number;
      if (c < 128) {
        let low = ALNUM[c] as number;
        if (low !== 0) {
          if (!inWord) {
            inWord = true;
            wordStart = i;
            kind = pendingKind;
            ascii = true;
            length = 0;
            hash = HASH_SEED;
          }
          // The run of ASCII letters and digits from here, within the letters allowed.
          const runStart = i;
          const stop = Math.min(limit, i + (MAX_LETTERS - letters));
          for (;;) {
            if (low >= 97) asciiLetters++;
            if (length < MAX_WORD) {
              wordBuffer[length++] = low;
              hash = Math.imul(hash ^ low, 0x01000193); // hashStep, written out: the loop must not depend on inlining
            }
            i++;
            if (i >= stop) break;
            c = units[i] as number;
            low = c < 128 ? (ALNUM[c] as number) : 0;
            if (low === 0) break;
          }
          letters += i - runStart;
          wordEnd = i;
          i--; // the loop moves on to the code unit that ended the run
          continue;
        }
        if (c !== 32) code = asciiAct(text, i, limit, c, inWord, kind, doc);
      } else {
        code = otherAct(text, i, limit, c, inWord, doc);
      }
      const act = code & 0xff;
      if (act >= Act.Apostrophe) {
        if (act === Act.Apostrophe || act === Act.Underscore) {
          wordEnd = i + 1;
          const unit = act === Act.Apostrophe ? 39 : 95;
          if (act === Act.Underscore) letters++;
          if (length < MAX_WORD) {
            wordBuffer[length++] = unit;
            hash = Math.imul(hash ^ unit, 0x01000193);
          }
          continue;
        }
        if (act === Act.Money || act === Act.Mention || act === Act.Hashtag) {
          pendingKind = act === Act.Money ? TokenKind.Money : act === Act.Mention ? TokenKind.Mention : TokenKind.Hashtag;
          continue;
        }
        if (act === Act.Skip) {
          i += code >> 8;
          continue;
        }
        if (act === Act.ClauseOnly) {
          clause++;
          continue;
        }
        if (act === Act.Mark) {
          ascii = false;
          wordEnd = i + 1;
          continue;
        }
        // A letter beyond ASCII.
        if (!inWord) {
          inWord = true;
          wordStart = i;
          kind = pendingKind;
          length = 0;
        }
        ascii = false;
        letters++;
        if (act === Act.Letter2) {
          wordEnd = i + 2;
          i++;
          continue;
        }
        wordEnd = i + 1;
        if (act === Act.Letter) continue;
        code = Act.Nothing; // a letter that is a word by itself: ended at once
      }
    }

    // Everything that did not `continue` above ends the word being read.
    const wasInWord = inWord;
    if (inWord) {
      let info: WordInfo;
      if (kind === TokenKind.Mention) {
        info = MENTION_INFO;
        mentions++;
      } else if (ascii) {
        info = asciiWordInfo(text, wordStart, length, hash ^ (hash >>> 15), keyer); // hashEnd
      } else {
        info = slowWordInfo(text, wordStart, Math.min(wordEnd, wordStart + MAX_WORD), keyer);
      }
      const cls = info.cls;
      allClasses |= cls;
      if (kind === TokenKind.Word) {
        words++;
        if (cls & STOPWORD) stopwords++;
        else if (cls & FOREIGN) foreignWords++;
      }
      if (cls & CLAUSE_BREAKER) clause++;
      if (kind === TokenKind.Word && cls & ASKER && sentenceWords < 2) {
        questions[sentence] = 1;
        anyQuestion = true;
      }
      if (kind === TokenKind.Word) sentenceWords++;
      if (kind === TokenKind.Word && !sentenceHasWord && !(cls & LEAD_IN)) {
        sentenceHasWord = true;
        // "@brand is the best": the mention is the subject (a "?" still makes a question).
        const subject = cls & SUBJECT_VERB && n > 0 && kinds[n - 1] === TokenKind.Mention && sentences[n - 1] === sentence;
        if (cls & QUESTION_STARTER && !subject) {
          questions[sentence] = 1;
          anyQuestion = true;
          if (cls & SOFT_STARTER) softAt = n;
        }
      } else if (softAt >= 0 && kind === TokenKind.Word) {
        // "What a flight", "Have a great day", "Have to say": exclamations and wishes (a "?" still asks).
        if (softAt === n - 1 && cls & NOT_ASKING_NEXT) {
          questions[sentence] = 0;
          takenBack = true;
        }
        softAt = -1;
      }
      infos[n] = info;
      ids[n] = info.id;
      classes[n] = cls;
      kinds[n] = kind;
      starts[n] = wordStart;
      ends[n] = wordEnd;
      sentences[n] = sentence;
      clauses[n] = clause;
      n++;
      inWord = false;
      kind = TokenKind.Word;
    }
    pendingKind = TokenKind.Word;
    if (last) break;
    if (code === Act.Nothing) continue;
    i += code >> 8;
    const act = code & 0xff;
    if (act === Act.Nothing || act === Act.Heart) continue;
    if (act === Act.Clause) {
      clause++;
      continue;
    }
    // "2.5" and "e.g" keep going; a full stop ends the sentence.
    if (act === Act.Stop && wasInWord && isWordCode(i + 1 < limit ? text.charCodeAt(i + 1) : 32)) continue;
    if (act === Act.Question) {
      questions[sentence] = 1;
      anyQuestion = true;
    }
    softAt = -1;
    if (sentenceHasWord || n > 0) {
      sentence++;
      questions[sentence] = 0;
      sentenceHasWord = false;
      sentenceWords = 0;
    }
    clause++;
  }
  doc.n = n;
  if (takenBack) {
    anyQuestion = false;
    for (let s = 0; s <= sentence; s++) if (questions[s]) anyQuestion = true;
  }
  doc.anyQuestion = anyQuestion;
  doc.classes = allClasses;
  doc.words = words;
  doc.stopwords = stopwords;
  doc.foreignWords = foreignWords;
  doc.mentions = mentions;
  doc.asciiLetters = asciiLetters;
  doc.truncated = i < text.length;
  const lastEnd = n > 0 ? (ends[n - 1] as number) : 0;
  doc.source = text.slice(0, Math.max(lastEnd, Math.min(limit, 280)));
  return doc;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000);
}

function countEmoji(cp: number, doc: Doc): boolean {
  // Every emoji counted or recognised is at or above U+2600.
  if (cp < 0x2600) return false;
  let hit = false;
  if (POSITIVE_EMOJI.has(cp)) {
    doc.emojiPositive++;
    hit = true;
  }
  if (NEGATIVE_EMOJI.has(cp)) {
    doc.emojiNegative++;
    hit = true;
  }
  if (SARCASM_EMOJI.has(cp)) {
    doc.emojiSarcasm++;
    hit = true;
  }
  return hit || (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf);
}
