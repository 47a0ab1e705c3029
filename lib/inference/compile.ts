import type { CueStage, LanguagePack } from './types';
import { stem, tokenize, type Keyer } from './tokenize';

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
  /** Phrase key (token keys joined by one space) → indexes into `cues`. */
  phrases: Map<string, number[]>;
  /** Every proper prefix of a phrase key, so matching stops as soon as nothing can follow. */
  prefixes: Set<string>;
  maxPhraseTokens: number;
  stopwords: Set<string>;
  foreignStopwords: Set<string>;
  negators: Set<string>;
  blockers: Set<string>;
  possessives: Set<string>;
  possessiveSkips: Set<string>;
  ownedNouns: Map<string, string>;
  notOwned: Set<string>;
  newWords: Set<string>;
  oldWords: Set<string>;
  timeUnits: Set<string>;
  againWords: Set<string>;
  purchaseVerbs: Set<string>;
  intentVerbs: Set<string>;
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
  const keyer: Keyer = {
    aliases,
    numberWords: new Set(words(pack.numberWords)),
    clauseBreakers: new Set(words(pack.clauseBreakers)),
    questionStarters: new Set(words(pack.questionStarters)),
  };
  const cues: Cue[] = [];
  const phrases = new Map<string, number[]>();
  const prefixes = new Set<string>();
  let maxPhraseTokens = 1;
  for (const [name, stage, weight, flagLetters, list] of pack.cues) {
    let flags = 0;
    for (const letter of flagLetters) flags |= FLAG_LETTERS[letter] ?? 0;
    if (name === 'sarcasm') flags |= F.sarcasm;
    const index = cues.push({ name, stage: stageIndex(stage), weight, flags }) - 1;
    for (const phrase of list.split('|')) {
      const keys = tokenize(phrase, keyer).tokens.map((t) => t.key);
      if (keys.length === 0) continue;
      const key = keys.join(' ');
      const existing = phrases.get(key);
      if (existing) {
        if (!existing.includes(index)) existing.push(index);
      } else {
        phrases.set(key, [index]);
      }
      maxPhraseTokens = Math.max(maxPhraseTokens, keys.length);
      for (let n = 1; n <= keys.length; n++) prefixes.add(keys.slice(0, n).join(' '));
    }
  }
  const owned = new Map<string, string>();
  for (const pair of words(pack.ownedNouns)) {
    const [noun, signal] = pair.split(':');
    if (noun && signal) owned.set(stem(noun), signal);
  }
  return {
    code: pack.code,
    keyer,
    cues,
    phrases,
    prefixes,
    maxPhraseTokens,
    stopwords: new Set(words(pack.stopwords)),
    foreignStopwords: new Set(words(pack.foreignStopwords)),
    negators: new Set(words(pack.negators)),
    blockers: new Set(words(pack.blockers)),
    possessives: new Set(words(pack.possessives)),
    possessiveSkips: new Set(words(pack.possessiveSkips)),
    ownedNouns: owned,
    notOwned: new Set(words(pack.notOwned)),
    newWords: new Set(words(pack.newWords)),
    oldWords: new Set(words(pack.oldWords)),
    timeUnits: new Set(words(pack.timeUnits)),
    againWords: new Set(words(pack.againWords)),
    purchaseVerbs: new Set(words(pack.purchaseVerbs)),
    intentVerbs: new Set(words(pack.intentVerbs)),
  };
}
