import type { CueStage, LanguagePack } from './types';
import { CLAUSE_BREAKER, LEAD_IN, QUESTION_STARTER, stem, tokenize, type Keyer } from './tokenize';

export const STAGE_PRE = 0;
export const STAGE_BUY = 1;
export const STAGE_POST = 2;
export const NO_STAGE = -1;

/** Cue flags as bits (see `CueRow`). */
export const F = {
  question: 1,
  negatable: 2,
  context: 4,
  reputation: 8,
  media: 16,
  positive: 32,
  negative: 64,
  problem: 128,
  urgent: 256,
  churn: 512,
  praise: 1024,
  intent: 2048,
  chatter: 4096,
  sarcasm: 8192,
} as const;

const FLAG_LETTERS: Record<string, number> = {
  q: F.question,
  n: F.negatable,
  c: F.context,
  p: F.reputation,
  m: F.media,
  '+': F.positive,
  '-': F.negative,
  x: F.problem,
  u: F.urgent,
  h: F.churn,
  r: F.praise,
  i: F.intent,
  z: F.chatter,
};

/** Word-class bits, one lookup per distinct word instead of a Set per list per token. */
export const W = {
  clauseBreaker: CLAUSE_BREAKER,
  questionStarter: QUESTION_STARTER,
  stopword: 4,
  foreign: 8,
  negator: 16,
  blocker: 32,
  possessive: 64,
  possessiveSkip: 128,
  notOwned: 256,
  newWord: 512,
  oldWord: 1024,
  timeUnit: 2048,
  again: 4096,
  intentVerb: 8192,
  /** On the key: a verb of buying ("book", "order"). */
  purchaseVerb: 16384,
  contrast: 32768,
  concessive: 65536,
  waitContext: 131072,
  leadIn: LEAD_IN,
} as const;

/** A node of the phrase trie: transitions by vocabulary id, and the cues ending here. */
export interface TrieNode {
  next: Map<number, TrieNode> | null;
  cues: number[] | null;
}

export interface Cue {
  name: string;
  stage: number;
  weight: number;
  flags: number;
}

export interface CompiledPack {
  code: string;
  keyer: Keyer;
  cues: Cue[];
  /** Phrases as a trie over vocabulary ids; `trie.next` holds the first words. */
  trie: TrieNode;
  maxPhraseTokens: number;
  ownedNouns: Map<string, string>;
  /** Hashtag pieces with their sentiment: negative ones first (so `unhappy` is not `happy`). */
  hashtagSentiment: Array<[string, number]>;
}

const words = (s: string): string[] => s.split(' ').filter((w) => w.length > 0);

function stageIndex(s: CueStage): number {
  return s === 'pre' ? STAGE_PRE : s === 'buy' ? STAGE_BUY : s === 'post' ? STAGE_POST : NO_STAGE;
}

/** Turns a language pack into lookup tables; runs once per pack when the module loads. */
export function compilePack(pack: LanguagePack): CompiledPack {
  const aliases = new Map<string, string>();
  for (const pair of words(pack.aliases)) {
    const [from, to] = pair.split('>');
    if (from && to) aliases.set(from, to);
  }
  const wordClasses = new Map<string, number>();
  const mark = (list: string, bit: number): void => {
    for (const w of words(list)) wordClasses.set(w, (wordClasses.get(w) ?? 0) | bit);
  };
  mark(pack.clauseBreakers, W.clauseBreaker);
  mark(pack.questionStarters, W.questionStarter);
  mark(pack.questionLeadIns, W.leadIn);
  mark(pack.stopwords, W.stopword);
  mark(pack.foreignStopwords, W.foreign);
  mark(pack.negators, W.negator);
  mark(pack.blockers, W.blocker);
  mark(pack.possessives, W.possessive);
  mark(pack.possessiveSkips, W.possessiveSkip);
  mark(pack.notOwned, W.notOwned);
  mark(pack.newWords, W.newWord);
  mark(pack.oldWords, W.oldWord);
  mark(pack.timeUnits, W.timeUnit);
  mark(pack.againWords, W.again);
  mark(pack.intentVerbs, W.intentVerb);
  mark(pack.contrasts, W.contrast);
  mark(pack.concessives, W.concessive);
  mark(pack.waitContext, W.waitContext);
  const purchaseKeys = new Set(words(pack.purchaseVerbs).map(stem));
  const vocab = new Map<string, number>();
  const keyer: Keyer = {
    aliases,
    numberWords: new Set(words(pack.numberWords)),
    vocab,
    classify: (word, key) => (wordClasses.get(word) ?? 0) | (purchaseKeys.has(key) ? W.purchaseVerb : 0),
    cache: new Map(),
  };
  const cues: Cue[] = [];
  const trie: TrieNode = { next: new Map(), cues: null };
  let maxPhraseTokens = 1;
  for (const [name, stage, weight, flagLetters, list] of pack.cues) {
    let flags = 0;
    for (const letter of flagLetters) flags |= FLAG_LETTERS[letter] ?? 0;
    if (name === 'sarcasm') flags |= F.sarcasm;
    const index = cues.push({ name, stage: stageIndex(stage), weight, flags }) - 1;
    for (const phrase of list.split('|')) {
      const keys = tokenize(phrase, keyer).tokens.map((t) => t.key);
      if (keys.length === 0) continue;
      let node = trie;
      for (const key of keys) {
        let id = vocab.get(key);
        if (id === undefined) {
          id = vocab.size;
          vocab.set(key, id);
        }
        node.next ??= new Map();
        let child = node.next.get(id);
        if (!child) {
          child = { next: null, cues: null };
          node.next.set(id, child);
        }
        node = child;
      }
      node.cues ??= [];
      if (!node.cues.includes(index)) node.cues.push(index);
      maxPhraseTokens = Math.max(maxPhraseTokens, keys.length);
    }
  }
  // Words read while compiling were cached without their vocabulary ids.
  keyer.cache.clear();
  const owned = new Map<string, string>();
  for (const pair of words(pack.ownedNouns)) {
    const [noun, signal] = pair.split(':');
    if (noun && signal) owned.set(stem(noun), signal);
  }
  const hashtagSentiment: Array<[string, number]> = [];
  for (const pair of words(pack.hashtagSentiment)) {
    const [piece, sign] = pair.split(':');
    if (piece && sign) hashtagSentiment.push([piece, sign === '-' ? -1 : 1]);
  }
  hashtagSentiment.sort((a, b) => a[1] - b[1]);
  return { code: pack.code, keyer, cues, trie, maxPhraseTokens, ownedNouns: owned, hashtagSentiment };
}
