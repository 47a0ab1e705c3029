/**
 * One linear pass over the post: words (lower-cased, keyed for matching), sentence and clause
 * numbers, questions, emoji sentiment and letter counts per script. Page text is hostile: the scan
 * is bounded (code units read, letters kept, tokens kept), reads each code unit once, allocates
 * per token only, and never uses a regular expression on the input as a whole.
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

export interface Token {
  key: string;
  word: string;
  id: number;
  cls: number;
  kind: TokenKind;
  /** Offsets in `Doc.source` (UTF-16), for excerpts. */
  start: number;
  end: number;
  sentence: number;
  clause: number;
}

export interface Doc {
  /** The part of the post that was read. */
  source: string;
  tokens: Token[];
  /** `questions[sentence]`: the sentence asks something (a `?` or a question word first). */
  questions: boolean[];
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

export interface Keyer {
  aliases: Map<string, string>;
  numberWords: Set<string>;
  /** Key → vocabulary id (keys used by some cue). */
  vocab: Map<string, number>;
  /** Word → class bits; key → class bits for classes defined on keys. */
  classify: (word: string, key: string) => number;
  /** Lower-case word → its info, filled as posts are read (bounded). */
  cache: Map<string, WordInfo>;
}

const CACHE_LIMIT = 5_000;
/** Word-class bits the tokeniser itself needs (the rest are in compile.ts). */
export const CLAUSE_BREAKER = 1;
export const QUESTION_STARTER = 2;
/** Greetings and fillers a sentence may open with before its first real word ("hi, is this still available"). */
export const LEAD_IN = 262144;

const POSITIVE_EMOJI = new Set([
  0x1f60d, 0x1f970, 0x2764, 0x2665, 0x1f495, 0x1f496, 0x1f497, 0x1f49b, 0x1f499, 0x1f49a, 0x1f49c,
  0x1f9e1, 0x1f90d, 0x1f5a4, 0x1f60a, 0x1f601, 0x1f600, 0x1f603, 0x1f604, 0x1f64c, 0x1f44f, 0x1f44d,
  0x1f4af, 0x1f525, 0x2728, 0x1f389, 0x1f973, 0x1f929, 0x263a, 0x1f64f, 0x1f31f, 0x2b50, 0x1f618,
  0x1f917, 0x1f60e, 0x1f498, 0x1f49e, 0x1f493, 0x1f942, 0x1f37e, 0x1f38a, 0x1f44c, 0x1f4aa, 0x1f63b,
  0x1f606, 0x1f642, 0x1f607,
]);
const NEGATIVE_EMOJI = new Set([
  0x1f621, 0x1f92c, 0x1f624, 0x1f620, 0x1f44e, 0x1f494, 0x1f622, 0x1f62d, 0x1f61e, 0x1f629, 0x1f62b,
  0x1f644, 0x1f612, 0x1f926, 0x1f611, 0x1f623, 0x1f616, 0x1f613, 0x1f922, 0x1f92e, 0x1f4a9, 0x1f615,
  0x1f61f, 0x1f641, 0x2639, 0x1f625, 0x1f630, 0x1f628, 0x1f631,
]);
const SARCASM_EMOJI = new Set([0x1f643, 0x1f644]);

const LETTER = /\p{L}/u;
const CURLY = /[\u2018\u2019]/g;
const MARK = /\p{M}/u;

/** Words whose ending is not an inflection, or whose tense matters ("fixed it" is not "fix it"). */
const NO_STEM = new Set(['news', 'eyeing', 'fixed', 'fixing', 'solved', 'sorted', 'need', 'speed', 'feed', 'indeed', 'proceed', 'hundred', 'series', 'always', 'sometimes']);

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

/** The shared info for a lower-case word (aliases folded), cached. */
export function infoOf(raw: string, keyer: Keyer): WordInfo {
  const cached = keyer.cache.get(raw);
  if (cached !== undefined) return cached;
  const word = keyer.aliases.get(raw) ?? raw;
  const key = keyOf(word, keyer);
  const info: WordInfo = { word, key, id: keyer.vocab.get(key) ?? -1, cls: keyer.classify(word, key) };
  if (keyer.cache.size >= CACHE_LIMIT) keyer.cache.clear();
  keyer.cache.set(raw, info);
  return info;
}

/** Lower case with the same length as the input, so offsets stay valid. */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const l = ch.toLowerCase();
    out += l.length === 1 ? l : ch;
  }
  return out;
}

export function tokenize(input: string, keyer: Keyer): Doc {
  const text = typeof input === 'string' ? input : '';
  const limit = Math.min(text.length, MAX_SCAN);
  const tokens: Token[] = [];
  const questions: boolean[] = [false];
  const doc: Doc = {
    source: '',
    tokens,
    questions,
    mentions: 0,
    emojiPositive: 0,
    emojiNegative: 0,
    emojiSarcasm: 0,
    asciiLetters: 0,
    latinLetters: 0,
    otherLetters: 0,
    truncated: false,
  };

  let sentence = 0;
  let clause = 0;
  let sentenceHasWord = false;
  const lower = lowerSameLength(text.slice(0, limit));
  let inWord = false;
  let curly = false;
  let wordStart = -1;
  let wordEnd = -1;
  let kind: TokenKind = TokenKind.Word;
  let pendingKind: TokenKind = TokenKind.Word;
  let letters = 0;
  let i = 0;

  const flush = (): void => {
    if (!inWord) {
      pendingKind = TokenKind.Word;
      return;
    }
    let word = lower.slice(wordStart, Math.min(wordEnd, wordStart + MAX_WORD));
    if (curly) word = word.replace(CURLY, "'");
    let info: WordInfo;
    if (kind === TokenKind.Mention) {
      info = MENTION_INFO;
      doc.mentions++;
    } else {
      info = infoOf(word, keyer);
    }
    if (info.cls & CLAUSE_BREAKER) clause++;
    if (kind === TokenKind.Word && !sentenceHasWord && !(info.cls & LEAD_IN)) {
      sentenceHasWord = true;
      if (info.cls & QUESTION_STARTER) questions[sentence] = true;
    }
    tokens.push({ key: info.key, word: info.word, id: info.id, cls: info.cls, kind, start: wordStart, end: wordEnd, sentence, clause });
    inWord = false;
    curly = false;
    kind = TokenKind.Word;
    pendingKind = TokenKind.Word;
  };
  const endSentence = (): void => {
    flush();
    if (sentenceHasWord || tokens.length > 0) {
      sentence++;
      questions[sentence] = false;
      sentenceHasWord = false;
    }
    clause++;
  };
  const addChar = (at: number, width: number): void => {
    if (!inWord) {
      inWord = true;
      wordStart = at;
      kind = pendingKind;
    }
    wordEnd = at + width;
    letters++;
  };

  for (; i < limit; i++) {
    if (letters >= MAX_LETTERS || tokens.length >= MAX_TOKENS) break;
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
        addChar(i, 1);
        doc.asciiLetters++;
      } else if (c >= 48 && c <= 57) {
        addChar(i, 1);
      } else if (c === 39) {
        // An apostrophe inside a word ("don't") belongs to it; elsewhere it is a quote.
        if (inWord && i + 1 < limit && isWordCode(text.charCodeAt(i + 1))) wordEnd = i + 1;
        else flush();
      } else if ((c === 58 || c === 59) && !inWord && i + 1 < limit) {
        // Emoticons: ":)" ";)" ":-)" ":D" are positive, ":(" ":-(" negative.
        let k = i + 1;
        if (text.charCodeAt(k) === 45 && k + 1 < limit) k++;
        const e = text.charCodeAt(k);
        if (e === 41 || e === 68 || e === 80 || e === 93) {
          doc.emojiPositive++;
          i = k;
        } else if (e === 40 || e === 91) {
          doc.emojiNegative++;
          i = k;
        } else {
          clause++;
        }
      } else if (c === 60 && i + 1 < limit && text.charCodeAt(i + 1) === 51) {
        flush();
        doc.emojiPositive++;
        i++;
      } else if (c === 36 && !inWord && i + 1 < limit && isDigitCode(text.charCodeAt(i + 1))) {
        pendingKind = TokenKind.Money;
      } else if (c === 95 && inWord && kind !== TokenKind.Word) {
        addChar(i, 1);
      } else if ((c === 64 || c === 35) && !inWord && i + 1 < limit && isWordCode(text.charCodeAt(i + 1))) {
        pendingKind = c === 64 ? TokenKind.Mention : TokenKind.Hashtag;
      } else if (c === 63) {
        flush();
        questions[sentence] = true;
        endSentence();
      } else if (c === 33 || c === 10 || c === 13) {
        endSentence();
      } else if (c === 46) {
        // "2.5" and "e.g" keep going; a full stop ends the sentence.
        const next = i + 1 < limit ? text.charCodeAt(i + 1) : 32;
        if (inWord && isWordCode(next)) flush();
        else endSentence();
      } else if (c === 44 || c === 59 || c === 58 || c === 40 || c === 41 || c === 34) {
        flush();
        clause++;
      } else {
        flush();
      }
      continue;
    }
    // Non-ASCII.
    if (c === 0x2019 || c === 0x2018) {
      if (inWord && i + 1 < limit && isWordCode(text.charCodeAt(i + 1))) {
        wordEnd = i + 1;
        curly = true;
      } else flush();
      continue;
    }
    if ((c === 0xa3 || c === 0x20ac) && !inWord && i + 1 < limit && isDigitCode(text.charCodeAt(i + 1))) {
      pendingKind = TokenKind.Money;
      continue;
    }
    if (c === 0x2026) {
      endSentence();
      continue;
    }
    if (c === 0x201c || c === 0x201d || c === 0x2014 || c === 0x2013) {
      flush();
      clause++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < limit ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        i++;
        if (countEmoji(cp, doc)) {
          flush();
        } else if (LETTER.test(String.fromCharCode(c, d))) {
          addChar(i - 1, 2);
          doc.otherLetters++;
        } else {
          flush();
        }
      } else {
        flush(); // a lone high surrogate: a separator, nothing more
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      flush(); // a lone low surrogate
      continue;
    }
    if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) {
      addChar(i, 1);
      doc.latinLetters++;
      continue;
    }
    if (countEmoji(c, doc)) {
      flush();
      continue;
    }
    const ch = text[i] as string;
    if (c >= 0x300 && inWord && MARK.test(ch)) {
      wordEnd = i + 1;
      continue;
    }
    if (c >= 0x370 && LETTER.test(ch)) {
      addChar(i, 1);
      doc.otherLetters++;
      // Scripts written without spaces: one token per letter keeps the scan bounded and the
      // counts meaningful (no English cue will match them anyway).
      if (c >= 0x2e80) flush();
      continue;
    }
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f) {
      if (c === 0xff1f) questions[sentence] = true;
      endSentence();
      continue;
    }
    flush();
  }
  flush();
  doc.truncated = i < text.length;
  const last = tokens.length > 0 ? (tokens[tokens.length - 1] as Token).end : 0;
  doc.source = text.slice(0, Math.max(last, Math.min(limit, 280)));
  return doc;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000);
}

function countEmoji(cp: number, doc: Doc): boolean {
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
